import Hummingbird
import Logging

/// Every error escaping a route becomes the one JSON error shape
/// (`{"error": {"code", "message"}}`); unknown errors are logged and answered with a generic 500
/// (the store's transaction rolled back, so the request changed nothing), and the server keeps
/// serving.
///
/// ```swift
/// router.add(middleware: JSONErrorMiddleware(logger: logger))
/// ```
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = RepositoryRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as any HTTPResponseError {
            return Self.describe(error.status, request: request).response()
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            return APIError(.internalServerError, "internal_error",
                           "The repository could not handle this request and changed nothing; its log says why. Try again later.").response()
        }
    }

    static func describe(_ status: HTTPResponse.Status, request: Request) -> APIError {
        switch status {
        case .notFound:
            APIError(status, "not_found", "There is no route \(request.method) \(request.uri.path) on the repository; docs/SYNC.md lists them.")
        case .methodNotAllowed:
            APIError(status, "method_not_allowed", "\(request.method) is not allowed on \(request.uri.path); docs/SYNC.md lists the routes.")
        case .contentTooLarge:
            APIError(status, "body_too_large", "The request body is too large for the repository.")
        default:
            APIError(status, "http_\(status.code)", "\(status.reasonPhrase) (\(request.method) \(request.uri.path)).")
        }
    }
}
