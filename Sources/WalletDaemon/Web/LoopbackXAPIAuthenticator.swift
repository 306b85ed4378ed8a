import Hummingbird
import SecurityPrimitives
import DaemonKit

/// Who calls `/xapi/` on the loopback listener. Launched course content sends the cmi5 auth token
/// its fetch URL gave it (`Basic` of `cmi5:SECRET`): the statements then go through that launch's
/// cmi5 rules. Anything else must be xAPI credentials (`wallet-cli xapi-credentials`: a short
/// session for xAPI tools, usable on `/xapi/` only): a socket session is bound to the account the
/// kernel named at login, and a TCP connection names none, so a copied socket token opens nothing
/// here; the wallet page's session is refused too, even sent as Basic, and its cookie is never
/// read on this path.
///
/// ```swift
/// let authenticate = LoopbackXAPIAuthenticator(sessions: authenticator, cmi5: cmi5).authenticate
/// ```
struct LoopbackXAPIAuthenticator: Sendable {
    let sessions: SessionAuthenticator
    let cmi5: Cmi5TokenAuthenticator

    func authenticate(_ request: Request, _ context: WalletRequestContext) async throws -> AuthenticatedSession {
        if case .basic(let user, _)? = request.headers[.authorization].map(AuthorizationHeader.parse), user == "cmi5" {
            return try await cmi5.authenticate(request)
        }
        return try await sessions.authenticate(request, caller: { nil }, xapiCredentialsOnly: true)
    }
}
