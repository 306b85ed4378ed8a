import Foundation
import Hummingbird
import WalletAPI

/// An error that becomes `{"error": {"code", "message"}}` with its HTTP status, at any route.
///
/// ```swift
/// throw APIError(.notFound, "learner_not_found", "No learner with id \(id). See `wallet-cli learner list`.")
/// ```
struct APIError: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    func response() -> Response {
        var response = JSONResponse.make(status: status, body: APIErrorBody(code: code, message: message))
        response.headers.append(contentsOf: headers)
        return response
    }

    static func badRequest(_ message: String, code: String = "bad_request") -> APIError {
        APIError(.badRequest, code, message)
    }
}
