import Basics
import DaemonKit
import Foundation
import Hummingbird
import NIOCore

/// Who may read `GET /metrics` (docs/SECURITY.md, "Someone on the network"). The counts hold no
/// learner data, but they tell how busy a centre is and when, and repositoryd faces the network:
///
/// - without `--metrics-token-file`: callers on this machine (loopback) only; anyone else gets
///   403 `forbidden`, saying how to allow a scraper;
/// - with it: every caller, loopback too, must send `Authorization: Bearer <token>` (compared in
///   constant time); otherwise 401 `unauthenticated`. Loopback is not trusted then because a proxy
///   or load balancer on the same host makes every remote caller look local.
///
/// ```swift
/// let access = MetricsAccess(token: try MetricsToken.load(path: "/etc/repositoryd/metrics.token"))
/// try access.check(request, from: context.remoteAddress)
/// ```
struct MetricsAccess: Sendable {
    let token: MetricsToken?

    func check(_ request: Request, from remote: SocketAddress?) throws {
        guard let token else {
            guard Self.isLoopback(remote) else {
                throw APIError(.forbidden, .forbidden,
                               "Metrics are answered to callers on the repository's own machine only. To scrape them from another host, start repositoryd with --metrics-token-file FILE and send Authorization: Bearer <the token in FILE>.")
            }
            return
        }
        guard let header = request.headers[.authorization], case .bearer(let given) = AuthorizationHeader.parse(header), token.matches(given) else {
            var refusal = APIError(.unauthorized, .unauthenticated,
                                   "Send the metrics token: Authorization: Bearer <the token in repositoryd's --metrics-token-file>.")
            refusal.headers[.wwwAuthenticate] = #"Bearer realm="metrics""#
            throw refusal
        }
    }

    /// 127.0.0.0/8 and ::1 (also as an IPv4-mapped address). No address (a test's in-process
    /// channel) is not loopback.
    static func isLoopback(_ address: SocketAddress?) -> Bool {
        switch address {
        case .v4(let v4):
            return UInt32(bigEndian: v4.address.sin_addr.s_addr) >> 24 == 127
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            if bytes == Array(repeating: 0, count: 15) + [1] { return true }
            // ::ffff:127.x.y.z
            return bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff && bytes[12] == 127
        default:
            return false
        }
    }
}

/// The bearer token a remote scraper sends for `GET /metrics`, read once at start from
/// `--metrics-token-file` (surrounding whitespace dropped).
///
/// ```swift
/// let token = try MetricsToken.load(path: "/etc/repositoryd/metrics.token")
/// token.matches("…")
/// ```
struct MetricsToken: Sendable {
    /// Shorter tokens are refused at start: a scraper's token is long-lived and goes over the network.
    static let minimumLength = 16
    private let bytes: [UInt8]

    init(text: String) { bytes = Array(text.utf8) }

    static func load(path: String) throws -> MetricsToken {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw StartupError(.cannotCreate, "cannot read the metrics token file \(path): check that it exists and that repositoryd's user may read it")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.utf8.count >= minimumLength, !token.contains(where: \.isWhitespace) else {
            throw StartupError(.configuration, "the metrics token in \(path) must be one word of at least \(minimumLength) characters; make one with: openssl rand -hex 32 > \(path)")
        }
        return MetricsToken(text: token)
    }

    /// Constant time in the given token's content: every byte is looked at whatever matches, so
    /// the answer's timing tells nothing about how much of a guess was right.
    func matches(_ given: String) -> Bool {
        let candidate = Array(given.utf8)
        var difference = UInt8(truncatingIfNeeded: candidate.count ^ bytes.count)
        for index in bytes.indices {
            difference |= bytes[index] ^ (index < candidate.count ? candidate[index] : 0)
        }
        return difference == 0 && candidate.count == bytes.count
    }
}
