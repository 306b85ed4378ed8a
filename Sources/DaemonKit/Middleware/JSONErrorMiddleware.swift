import Hummingbird

/// Every error escaping a route becomes the one JSON error shape (`{"error": {"code", "message"}}`),
/// so no client ever sees an empty body or HTML, and the daemon keeps serving.
///
/// ```swift
/// router.add(middleware: JSONErrorMiddleware(responder: ErrorResponder(daemon: "walletd", routeList: "docs/API.md", internalAdvice: "Check walletd's log.")))
/// ```
public struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public let responder: ErrorResponder

    public init(responder: ErrorResponder) { self.responder = responder }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return responder.response(for: error, request: request, logger: context.logger)
        }
    }
}
