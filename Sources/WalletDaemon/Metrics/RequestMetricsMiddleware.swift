import Hummingbird

/// Counts every request on the socket by route group and status class, as answered: it is the
/// outermost middleware, so it sees refusals and errors after they became their JSON answers.
///
/// ```swift
/// router.add(middleware: RequestMetricsMiddleware(metrics: metrics))   // first
/// router.add(middleware: JSONErrorMiddleware(responder: .walletd))
/// ```
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = WalletRequestContext
    let metrics: WalletdMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            metrics.countRequest(path: request.uri.path, status: Int(response.status.code))
            return response
        } catch {
            // Nothing should get past the JSON error middleware; if it does, it is answered as a 5xx.
            metrics.countRequest(path: request.uri.path, status: (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500)
            throw error
        }
    }
}
