import Hummingbird
import HTTPTypes

/// Refuses every request whose `Host` is not this listener's own loopback name and port. A page on
/// the internet can make a browser resolve its own domain name to 127.0.0.1 (DNS rebinding) and
/// then read the answers as same-origin; such a request names that domain in `Host`, and is
/// answered 421 before any route runs.
///
/// ```swift
/// router.add(middleware: HostCheckMiddleware(accepted: ["127.0.0.1:7480", "localhost:7480"]))
/// ```
struct HostCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    let accepted: @Sendable () -> Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let host = request.head.authority
        guard let host, accepted().contains(host.lowercased()) else {
            var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"]
            WebSecurityHeaders.add(to: &headers)
            return Response(status: .misdirectedRequest, headers: headers,
                            body: .init(byteBuffer: ByteBuffer(string: "This wallet answers only at http://127.0.0.1 or http://localhost on its own port. Open the address the centre gave you.\n")))
        }
        return try await next(request, context)
    }
}
