import Hummingbird

/// Turns every error escaping a route into the one JSON error shape, so no client ever sees an
/// empty body or HTML. Unknown errors are logged and answered with a generic 500: the daemon keeps
/// serving and no internals leak.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = WalletRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return ErrorResponse.make(for: error, request: request, context: context)
        }
    }
}
