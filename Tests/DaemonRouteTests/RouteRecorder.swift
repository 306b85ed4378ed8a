import Basics
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TestSupport

/// Drives a daemon's router in-process and keeps what every call answered: each JSON answer is
/// checked against the daemon's own OpenAPI document, and the routes called are compared with
/// the routes the router registered, so a route without a test fails the suite.
final class RouteRecorder: @unchecked Sendable {
    // Written by one test task at a time: the test awaits each call before the next.
    private(set) var called: Set<String> = []
    let validator: SchemaValidator
    /// Routes whose JSON answers no document describes (the wallet page's cmi5 fetch URL, whose
    /// answer cmi5 itself defines).
    let undocumented: Set<String>

    init(document: JSONValue, undocumented: Set<String> = []) {
        validator = SchemaValidator(document: document)
        self.undocumented = undocumented
    }

    struct Answer {
        var status: Int
        var headers: HTTPFields
        var body: Data
        var json: JSONValue? { try? JSONValue(data: body) }
        var errorCode: ErrorCode? {
            (try? JSONDecoder().decode(APIErrorBody.self, from: body))?.error.code
        }
    }

    /// Calls `method template` (the document's path template) with `path` (filled in) and checks the
    /// answer against the document: the success schema for the operation's status, the Error
    /// schema otherwise.
    func call(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ template: String, path: String? = nil,
              headers: HTTPFields = [:], body: Data? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Answer {
        called.insert("\(method.rawValue) \(template)")
        var fields = headers
        if body != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
        let answer = try await client.execute(uri: path ?? template, method: method, headers: fields,
                                              body: body.map { ByteBuffer(bytes: $0) }) { response in
            Answer(status: Int(response.status.code), headers: response.headers, body: Data(buffer: response.body))
        }
        let isJSON = answer.headers[.contentType]?.hasPrefix("application/json") == true
        if isJSON, !answer.body.isEmpty, method != .head, !undocumented.contains(template) {
            let value = try #require(answer.json, "\(method) \(template) answered JSON that does not parse", sourceLocation: sourceLocation)
            let schema: JSONValue? = (200..<300).contains(answer.status)
                ? validator.answerSchema(path: template, method: method.rawValue, status: answer.status)
                : ["$ref": "#/components/schemas/Error"]
            let found = try #require(schema, "\(method) \(template) answered \(answer.status), which the document does not describe",
                                     sourceLocation: sourceLocation)
            let problems = validator.problems(value, against: found)
            #expect(problems.isEmpty, "\(method) \(template) \(answer.status): \(problems)", sourceLocation: sourceLocation)
        }
        return answer
    }

    /// Every route the router registered, as `METHOD /template` with `{parameters}`.
    static func registered<Context>(_ router: Router<Context>) -> Set<String> {
        Set(router.routes.map { route in
            let path = "/" + route.path.description.split(separator: "/").map { segment in
                segment.hasPrefix(":") ? "{" + segment.dropFirst() + "}" : String(segment)
            }.joined(separator: "/")
            return "\(route.method.rawValue) \(path)"
        })
    }

    /// Every operation of an OpenAPI document, as `METHOD /template`.
    static func documented(_ document: JSONValue) -> Set<String> {
        guard case .object(let paths)? = document["paths"] else { return [] }
        return Set(paths.flatMap { path, operations -> [String] in
            guard case .object(let methods) = operations else { return [] }
            return methods.keys.map { "\($0.uppercased()) \(path)" }
        })
    }
}

extension Data {
    static func json(_ value: JSONValue) -> Data { Data(value.canonicalData()) }
}
