import Basics

/// walletd's socket API as an OpenAPI 3.1 document, made from `Endpoints.all` and
/// `WalletAPISchemas`: what `GET /openapi.json` answers.
///
/// ```swift
/// let document: JSONValue = WalletAPIDocument.make()
/// document["paths"]?["/v1/health"]?["get"] != nil   // true
/// ```
public enum WalletAPIDocument {
    public static func make() -> JSONValue {
        let operations = Endpoints.all.map { endpoint in
            OpenAPIOperation(
                method: endpoint.method.rawValue, path: endpoint.template, summary: endpoint.summary,
                security: security(endpoint.access),
                query: endpoint.query,
                body: endpoint.body.map(JSONSchema.ref), bodyMediaType: endpoint.bodyMediaType, success: endpoint.success, answer: endpoint.answer.map(JSONSchema.ref),
                answerMediaType: endpoint.answerMediaType,
                alternatives: endpoint.alternatives.mapValues(JSONSchema.ref),
                alsoTakes: endpoint.alsoTakes, alsoAnswers: endpoint.alsoAnswers)
        }
        let document = OpenAPIDocument(
            title: "walletd socket API", version: WalletVersion.string,
            description: "HTTP/1.1 and JSON on walletd's Unix socket. docs/API.md describes each route; every error is {\"error\": {\"code\", \"message\"}}.",
            operations: operations, schemas: WalletAPISchemas.all,
            securitySchemes: [
                "session": ["type": "http", "scheme": "bearer", "description": .string("a learner's session token from \(Endpoints.login.method.rawValue) \(Endpoints.login.template)")],
                "admin": ["type": "http", "scheme": "bearer", "description": "the token in walletd's data folder (admin.token)"],
            ])
        return document.json
    }

    static func security(_ access: EndpointAccess) -> [String] {
        switch access {
        case .anyone, .anyoneOrSession: []
        case .session, .learner: ["session"]
        case .admin: ["admin"]
        }
    }
}
