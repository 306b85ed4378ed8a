import Foundation
import Hummingbird
import WalletAPI
import WalletCore
import SecurityPrimitives
import Basics
import DaemonKit

/// Who is calling: the learner whose unlocked session the request carries.
struct AuthenticatedSession: Sendable {
    var learnerID: String
    var learnerName: String
    var tokenHash: String
    /// Set when the caller is launched cmi5 content (the loopback listener's `Basic <auth-token>`):
    /// its statements then go through the cmi5 rules of that launch session (`StatementRoutes`).
    var cmi5SessionID: String? = nil
    /// The launch's registration when `cmi5SessionID` is set: launched content reads only the
    /// statements of its own registration (`StatementRoutes.get`).
    var cmi5Registration: String? = nil

    /// The identity a cmi5 auth token stands for (`WalletStore.cmi5Session(authToken:nowMs:)`):
    /// the launch's learner, bound to the launch session. No PIN was typed, so no holder key is
    /// open for it (`tokenHash` names no session of the keyring).
    ///
    /// ```swift
    /// guard let launch = try await store.cmi5Session(authToken: token, nowMs: now) else { throw unauthenticated }
    /// context.session = .cmi5(launch)
    /// ```
    static func cmi5(_ launch: Cmi5LaunchSession) -> AuthenticatedSession {
        AuthenticatedSession(learnerID: launch.launch.learnerID, learnerName: launch.learnerName,
                             tokenHash: "cmi5:" + launch.launch.sessionID, cmi5SessionID: launch.launch.sessionID,
                             cmi5Registration: launch.launch.registration.lowercased())
    }

    /// The xAPI `authority` the store writes into this learner's statements.
    var authority: JSONValue { XAPI.learnerAgent(id: learnerID, name: learnerName) }

    /// Every learner-scoped route calls this: a session reaches its own learner's data only.
    func requireLearner(_ id: String) throws {
        guard id.lowercased() == learnerID else {
            throw APIError(.forbidden, .forbidden, "This session belongs to another learner. Log in as that learner to see their wallet.")
        }
    }
}

/// Reads `Authorization` (Bearer token, or HTTP Basic with the learner id as user and the token as
/// password, as xAPI content and cmi5 players send) and resolves it to a live session, sliding the
/// idle deadline forward (never past the session's absolute lifetime). A session belongs to the OS
/// account that logged in: the same token from another account is refused.
///
/// ```swift
/// let session = try await authenticator.authenticate(request, caller: context.callerUID)
/// try session.requireLearner(learnerID)
/// ```
struct SessionAuthenticator: Sendable {
    let store: WalletStore
    let policy: SessionPolicy
    let clock: WallClock

    var idleMs: Int64 { policy.idleMs }

    /// `caller`: asks the kernel who is calling; only asked for a session bound to an account.
    /// `xapi`: the request is for an `/xapi/` route, the only place xAPI credentials answer.
    /// - Parameters:
    ///   - xapi: the route is xAPI's, where xAPI credentials are accepted too.
    ///   - xapiCredentialsOnly: only xAPI credentials are accepted (the loopback listener's `/xapi/`,
    ///     where neither a socket login nor the wallet page's cookie session may be replayed).
    func authenticate(_ request: Request, caller: () async -> UInt32?, xapi: Bool = false,
                      xapiCredentialsOnly: Bool = false) async throws -> AuthenticatedSession {
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, .unauthenticated, "This route needs a session. Log in first (`wallet-cli login NAME`, or \(Endpoints.login.method.rawValue) \(Endpoints.login.template)) and send the token as `Authorization: Bearer TOKEN`.")
        }
        let (basicUser, token) = try Self.parse(header)
        return try await authenticate(token: token, basicUser: basicUser, caller: caller, xapi: xapi || xapiCredentialsOnly,
                                      xapiCredentialsOnly: xapiCredentialsOnly)
    }

    /// The same check for a token that came another way (the wallet page's session cookie).
    func authenticate(token: SessionToken, basicUser: String? = nil, caller: () async -> UInt32?,
                      xapi: Bool = false, xapiCredentialsOnly: Bool = false) async throws -> AuthenticatedSession {
        guard token.isWellFormed else { throw Self.unknownSession }
        guard let session = try await store.session(tokenHash: token.storageHash) else { throw Self.unknownSession }
        if let basicUser, basicUser.lowercased() != session.learnerID { throw Self.unknownSession }
        let now = clock.nowMs()
        // The expired row stays until the next login sweeps it, so the client keeps hearing
        // "expired" (and can say "log in again") rather than "unknown token".
        // xAPI credentials keep the account that asked for them (so `lock` ends them) but are not
        // bound to it: the loopback listener they are for cannot name an account.
        if let owner = session.ownerUID, !session.xapiOnly, await caller() != owner {
            // Said as "unknown" on purpose: the token is someone else's, and this account learns nothing about it.
            throw Self.unknownSession
        }
        if xapiCredentialsOnly, !session.xapiOnly {
            // Said as "unknown": a login or page session is not replayable where no account is named.
            throw Self.unknownSession
        }
        if session.xapiOnly, !xapi {
            // Said as "unknown": an xAPI credential opens the learner's /xapi/ and nothing else.
            throw Self.unknownSession
        }
        let limits = session.effective(policy)
        guard session.expiresMs > now else {
            let again = session.xapiOnly ? "Ask for new ones (`wallet-cli xapi-credentials`)." : "Log in again (`wallet-cli login NAME`)."
            if now >= session.createdMs + limits.maxLifetimeMs {
                throw APIError(.unauthorized, .sessionExpired, "The session ended: it lasts at most \(limits.maxLifetimeMs / 3_600_000) hours. \(again)")
            }
            throw APIError(.unauthorized, .sessionExpired, "The session expired after \(limits.idleMs / 60_000) idle minutes. \(again)")
        }
        do {
            try await store.touchSession(session, nowMs: now, policy: policy)
        } catch let error where WalletStore.storageFault(of: error) != nil {
            // A full or read-only disk must not stop a learner reading what they have: the
            // session keeps its earlier deadline (the store noted the fault for health).
        }
        return AuthenticatedSession(learnerID: session.learnerID, learnerName: session.learnerName, tokenHash: session.tokenHash)
    }

    static let unknownSession = APIError(.unauthorized, .unauthenticated, "The session token is not known here (logged out, from another PC, or opened by another account on this PC). Log in again (`wallet-cli login NAME`).")

    static func parse(_ header: String) throws -> (basicUser: String?, token: SessionToken) {
        switch AuthorizationHeader.parse(header) {
        case .bearer(let token):
            return (nil, SessionToken(text: token))
        case .basic(let user, let password):
            return (user, SessionToken(text: password))
        case .malformed:
            throw unknownSession
        case .unsupported:
            throw APIError(.unauthorized, .unauthenticated, "Unsupported Authorization scheme; use Bearer TOKEN or Basic with the learner id and the token.")
        }
    }
}
