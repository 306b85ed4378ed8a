import Basics
import Hummingbird

/// An error that becomes `{"error": {"code", "message"}}` with its HTTP status, at any route of
/// walletd or repositoryd. The code is an ``ErrorCode`` (clients match it, never the words); the
/// message is for the person reading it and says what to do next.
///
/// ```swift
/// throw APIError(.notFound, .learnerNotFound, "No learner with id \(id). See `wallet-cli learner list`.")
/// ```
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: ErrorCode
    public var message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: ErrorCode, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    public func response() -> Response {
        var response = JSONResponse.make(status: status, body: APIErrorBody(code: code, message: message))
        response.headers.append(contentsOf: headers)
        return response
    }

    public static func badRequest(_ message: String, code: ErrorCode = .badRequest) -> APIError {
        APIError(.badRequest, code, message)
    }
}
