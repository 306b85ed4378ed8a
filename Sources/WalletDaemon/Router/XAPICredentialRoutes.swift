import Foundation
import Hummingbird
import WalletAPI
import WalletCore
import SecurityPrimitives
import DaemonKit

/// `POST /v1/learners/{id}/xapi-credentials`: a logged-in learner asks, with their own session,
/// for plain xAPI credentials for the loopback listener's `/xapi/` (conformance suites, authoring
/// tools' previews). Login sessions are bound to the OS account that made them and the loopback
/// listener cannot name one; these credentials are a new session of the same learner, bound to
/// no account (the asking account is kept, so that `wallet-cli lock` ends them), that answers on `/xapi/` only and ends after `XAPICredentialPolicy.standard`
/// (an hour unused, two hours at most). It counts in the learner's session limit and is written
/// to the audit log (`xapi_credentials`).
///
/// ```swift
/// XAPICredentialRoutes(store: store, policy: authenticator.policy, clock: clock, web: { shared.webURL }).register(on: routes)
/// ```
struct XAPICredentialRoutes: Sendable {
    let store: WalletStore
    let policy: SessionPolicy
    let keyring: SessionKeyring
    let clock: WallClock
    /// The loopback listener's address (`http://127.0.0.1:PORT/`), for the endpoint hint; nil
    /// when it is off or not listening yet.
    let web: @Sendable () -> String?
    var limits = XAPICredentialPolicy.standard

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.xapiCredentials) { _, context in try await create(session: context.requireSession(), caller: await context.callerUID()) }
    }

    /// `caller`: the OS account that asked. The credentials are not bound to it (the loopback
    /// listener cannot name an account), but it is kept so that `wallet-cli lock` ends them too.
    func create(session: AuthenticatedSession, caller: UInt32?) async throws -> Response {
        let token = SessionToken.generate()
        let ended = try await store.insertSession(tokenHash: token.storageHash, learnerID: session.learnerID, nowMs: clock.nowMs(),
                                                  policy: policy, ownerUID: caller, xapi: limits)
        // Sessions beyond the learner's limit ended: their opened holder keys go too.
        for old in ended { await keyring.remove(session: old) }
        let effective = limits.within(policy)
        let basic = "Basic " + Data("\(session.learnerID):\(token.text)".utf8).base64EncodedString()
        let answer = XAPICredentialsResponse(user: session.learnerID, password: token.text, authorization: basic, endpoint: endpoint,
                                             idleTimeoutSeconds: Int(effective.idleMs / 1000), maxLifetimeSeconds: Int(effective.maxLifetimeMs / 1000))
        return JSONResponse.make(status: .created, body: answer)
    }

    /// `http://HOST:PORT/xapi/`, the port being the one the listener got.
    var endpoint: String? {
        web().map { $0 + Endpoints.xapiPrefix.dropFirst() }
    }
}
