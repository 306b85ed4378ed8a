/// An OpenAPI 3.1 document assembled from a daemon's route list: the document each daemon serves
/// at `GET /openapi.json`. Pure: the daemons hand in their routes and schemas.
///
/// ```swift
/// let document = OpenAPIDocument(title: "walletd", version: WalletVersion.string, description: "…",
///                                operations: [OpenAPIOperation(method: "GET", path: "/v1/health", summary: "…",
///                                                              answer: .ref("HealthResponse"))],
///                                schemas: ["HealthResponse": healthSchema])
/// let json = document.json
/// ```
public struct OpenAPIDocument: Sendable {
    public var title: String
    public var version: String
    public var description: String
    public var operations: [OpenAPIOperation]
    public var schemas: [String: JSONSchema]
    /// `components/securitySchemes`, by name, as OpenAPI writes them.
    public var securitySchemes: [String: JSONValue]

    public init(title: String, version: String, description: String, operations: [OpenAPIOperation],
                schemas: [String: JSONSchema], securitySchemes: [String: JSONValue] = [:]) {
        self.title = title
        self.version = version
        self.description = description
        self.operations = operations
        self.schemas = schemas
        self.securitySchemes = securitySchemes
    }

    /// The error answer every route may give: `{"error": {"code", "message"}}`.
    public static let errorSchema = JSONSchema.object(
        required: ["error": .object(required: ["code": .oneOf(ErrorCode.sent.map(\.rawValue)), "message": .string], optional: [:])],
        optional: [:])

    public var json: JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for operation in operations {
            paths[operation.path, default: [:]][operation.method.lowercased()] = operation.json
        }
        var components: [String: JSONValue] = [
            "schemas": .object(schemas.mapValues(\.json).merging(["Error": Self.errorSchema.json]) { mine, _ in mine }),
        ]
        if !securitySchemes.isEmpty { components["securitySchemes"] = .object(securitySchemes) }
        return [
            "openapi": "3.1.0",
            "info": ["title": .string(title), "version": .string(version), "description": .string(description)],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": .object(components),
        ]
    }
}

/// One method on one path of an ``OpenAPIDocument``.
///
/// ```swift
/// OpenAPIOperation(method: "POST", path: "/v1/learners", summary: "create a learner", security: ["session"],
///                  body: .ref("CreateLearnerRequest"), success: 201, answer: .ref("LearnerSummary"))
/// ```
public struct OpenAPIOperation: Sendable {
    public var method: String
    /// An OpenAPI path template (`/v1/learners/{id}/progress`); its `{parameters}` are listed as path parameters.
    public var path: String
    public var summary: String
    /// Names from `components/securitySchemes`, any one of which will do; empty: no credentials needed.
    public var security: [String]
    public var query: [String]
    public var body: JSONSchema?
    public var bodyMediaType: String
    public var success: Int
    public var answer: JSONSchema?
    public var answerMediaType: String
    /// Other successful answers: status → schema.
    public var alternatives: [Int: JSONSchema]
    /// Further media types of the body and of the successful answer, listed as bytes (a
    /// `multipart/mixed` message whose first part has the JSON schema above).
    public var alsoTakes: [String]
    public var alsoAnswers: [String]

    public init(method: String, path: String, summary: String, security: [String] = [], query: [String] = [],
                body: JSONSchema? = nil, bodyMediaType: String = "application/json", success: Int = 200,
                answer: JSONSchema? = nil, answerMediaType: String = "application/json", alternatives: [Int: JSONSchema] = [:],
                alsoTakes: [String] = [], alsoAnswers: [String] = []) {
        self.alsoTakes = alsoTakes
        self.alsoAnswers = alsoAnswers
        self.method = method
        self.path = path
        self.summary = summary
        self.security = security
        self.query = query
        self.body = body
        self.bodyMediaType = bodyMediaType
        self.success = success
        self.answer = answer
        self.answerMediaType = answerMediaType
        self.alternatives = alternatives
    }

    /// A media type's content as bytes of that type (OpenAPI 3.1 describes binary content so).
    static func bytes(_ type: String) -> JSONValue { ["schema": ["type": "string", "contentMediaType": .string(type)]] }

    var pathParameters: [String] {
        path.split(separator: "/").compactMap { $0.hasPrefix("{") && $0.hasSuffix("}") ? String($0.dropFirst().dropLast()) : nil }
    }

    var json: JSONValue {
        var parameters: [JSONValue] = pathParameters.map {
            ["name": .string($0), "in": "path", "required": true, "schema": ["type": "string"]]
        }
        parameters += query.map { ["name": .string($0), "in": "query", "required": false, "schema": ["type": "string"]] }
        var success: JSONValue = ["description": .string(summary)]
        if let answer {
            var content: [String: JSONValue] = [answerMediaType: ["schema": answer.json]]
            for type in alsoAnswers { content[type] = Self.bytes(type) }
            success = ["description": .string(summary), "content": .object(content)]
        }
        var responses: [String: JSONValue] = [
            String(self.success): success,
            "default": ["description": "an error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]],
        ]
        for (status, schema) in alternatives {
            responses[String(status)] = ["description": .string(summary), "content": .object([answerMediaType: ["schema": schema.json]])]
        }
        var fields: [String: JSONValue] = ["summary": .string(summary), "responses": .object(responses)]
        if !parameters.isEmpty { fields["parameters"] = .array(parameters) }
        if let body {
            var content: [String: JSONValue] = [bodyMediaType: ["schema": body.json]]
            for type in alsoTakes { content[type] = Self.bytes(type) }
            fields["requestBody"] = ["required": true, "content": .object(content)]
        }
        if !security.isEmpty { fields["security"] = .array(security.map { .object([$0: []]) }) }
        return .object(fields)
    }
}
