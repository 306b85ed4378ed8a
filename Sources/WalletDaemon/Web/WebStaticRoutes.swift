import Hummingbird
import HTTPTypes
import WalletPages

/// The wallet page's one static file, its style sheet (the pages' CSP allows styles from this
/// origin only). Cached for an hour: it changes only with walletd.
///
/// ```swift
/// WebStaticRoutes().register(on: router)
/// ```
struct WebStaticRoutes: Sendable {
    func register(on router: Router<WalletRequestContext>) {
        router.get(RouterPath(WalletStyle.path)) { _, _ in
            var headers: HTTPFields = [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"]
            WebSecurityHeaders.add(to: &headers)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: WalletStyle.css)))
        }
    }
}
