import Hummingbird

/// Lets through only the centre admin: the caller must send the token walletd keeps in its data
/// folder (`admin.token`, readable by root and walletd's user alone).
///
/// ```swift
/// let adminRoutes = router.group().add(middleware: AdminMiddleware(admin: token))
/// ```
struct AdminMiddleware: RouterMiddleware {
    typealias Context = WalletRequestContext
    let admin: AdminToken

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try admin.require(request)
        return try await next(request, context)
    }
}
