import Hummingbird

/// A path the wallet page does not have gets a page that says so, in the visitor's language,
/// with a way back (the router alone would answer an empty 404).
///
/// ```swift
/// router.add(middleware: WebNotFoundMiddleware(site: site))
/// ```
struct WebNotFoundMiddleware: RouterMiddleware {
    typealias Context = WalletRequestContext
    let site: WebSite

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let visitor = await site.visitor(request)
            return site.errorPage(visitor, status: .notFound, message: visitor.words[.errorNotFound])
        }
    }
}
