import DaemonKit
import Hummingbird
import NIOCore

/// The request context of every walletd route. Bodies are read with explicit limits
/// (`JSONRequestBody`, which answers 413). The session is set by `SessionMiddleware` in front of
/// every route whose endpoint needs one, so a handler never authenticates by itself.
struct WalletRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The caller's session, when the route's middleware resolved one.
    var session: AuthenticatedSession?
    /// The connection, to ask the kernel who is calling (`PeerCredentials`).
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// The OS account of the caller (SO_PEERCRED), nil when the connection cannot say.
    func callerUID() async -> UInt32? { PeerCredentials.uid(of: channel) }

    /// The session `SessionMiddleware` resolved. Only routes behind it call this; anywhere else it
    /// answers 401 rather than trapping.
    func requireSession() throws -> AuthenticatedSession {
        guard let session else {
            throw APIError(.unauthorized, .unauthenticated, "This route needs a session. Log in first (`wallet-cli login NAME`).")
        }
        return session
    }
}
