import Hummingbird
import Logging

/// Every error escaping a route becomes the one JSON error shape; unknown errors are logged and
/// answered with a generic 500, and the server keeps serving.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = RepositoryRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : (error.status == .methodNotAllowed ? "method_not_allowed" : "bad_request")
            return APIError(error.status, code, error.body ?? "\(error.status.reasonPhrase) (\(request.method) \(request.uri.path)).").response()
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return APIError(.internalServerError, "internal_error", "The repository could not handle this request; it has been logged.").response()
        }
    }
}
