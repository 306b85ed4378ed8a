import Hummingbird
import HTTPTypes
import WalletAPI

/// CORS for the loopback listener's `/xapi/` and cmi5 fetch URLs only: launched content runs in
/// a sandbox (an opaque origin, `WebContentRoutes`), so its calls are cross-origin. They carry the
/// launch's token in `Authorization`, never a cookie, so any origin may call (`*`, no
/// credentials mode); the wallet's own pages get no CORS at all. A preflight (`OPTIONS`) is
/// answered here, before any route.
///
/// ```swift
/// router.add(middleware: XAPICORSMiddleware())
/// ```
struct XAPICORSMiddleware<Context: RequestContext>: RouterMiddleware {
    static var prefixes: [String] { [Endpoints.xapiPrefix, Cmi5TokenAuthenticator.fetchPrefix] }

    static var allowHeaders: String {
        "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match"
    }

    static var exposeHeaders: String {
        "X-Experience-API-Version, X-Experience-API-Consistent-Through, ETag, Last-Modified, Content-Type"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.prefixes.contains(where: { request.uri.path.hasPrefix($0) }) else { return try await next(request, context) }
        if request.method == .options {
            var headers: HTTPFields = [:]
            Self.add(to: &headers)
            headers[.accessControlAllowMethods] = "GET, HEAD, POST, PUT, DELETE"
            headers[.accessControlAllowHeaders] = Self.allowHeaders
            headers[.accessControlMaxAge] = "600"
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        Self.add(to: &response.headers)
        return response
    }

    static func add(to headers: inout HTTPFields) {
        headers[.accessControlAllowOrigin] = "*"
        headers[.accessControlExposeHeaders] = exposeHeaders
    }
}
