import Hummingbird
import Logging
import WalletAPI

/// Maps any error a route throws to the one JSON error answer. Shared by the outer
/// `JSONErrorMiddleware` and the xAPI middleware, which must add its version header to errors too.
enum ErrorResponse {
    static func make(for error: any Error, request: Request, context: WalletRequestContext) -> Response {
        switch error {
        case let error as APIError:
            return error.response()
        case let error as any HTTPResponseError:
            let (code, message) = describe(error.status, request: request)
            return JSONResponse.make(status: error.status, body: APIErrorBody(code: code, message: message))
        default:
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            return JSONResponse.make(
                status: .internalServerError,
                body: APIErrorBody(code: "internal_error", message: "walletd hit an internal error; this request changed nothing. Check walletd's log."))
        }
    }

    static func describe(_ status: HTTPResponse.Status, request: Request) -> (String, String) {
        switch status {
        case .notFound: ("not_found", "There is no route \(request.method) \(request.uri.path). See docs/API.md.")
        case .contentTooLarge: ("body_too_large", "The request body is too large for walletd; send smaller batches.")
        case .methodNotAllowed: ("method_not_allowed", "\(request.method) is not allowed on \(request.uri.path).")
        case .badRequest: ("bad_request", "The request is malformed.")
        default: ("http_\(status.code)", status.reasonPhrase)
        }
    }
}
