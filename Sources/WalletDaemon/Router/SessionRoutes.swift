import Foundation
import Hummingbird
import Credentials
import SyncEngine
import WalletAPI
import WalletCore
import SecurityPrimitives
import DaemonKit

/// `POST /v1/sessions` (unlock a wallet with the PIN) and `DELETE /v1/sessions/current` (log out).
struct SessionRoutes: Sendable {
    let store: WalletStore
    let authenticator: SessionAuthenticator
    let keyring: SessionKeyring
    let pinCost: ScryptCost
    /// The lock-out rules, shared with forget's PIN check.
    let pinCheck: PINCheck
    var clock: WallClock { pinCheck.clock }

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.login) { request, context in try await create(request, caller: await context.callerUID()) }
        routes.on(Endpoints.logout) { _, context in try await delete(session: context.requireSession()) }
        routes.on(Endpoints.lock) { _, context in try await lock(caller: await context.callerUID()) }
    }

    func create(_ request: Request, caller: UInt32?) async throws -> Response {
        let input = try await JSONRequestBody.decode(CreateSessionRequest.self, from: request, limit: 16 * 1024)
        return JSONResponse.make(status: .created, body: try await open(learnerID: input.learner, pin: input.pin, caller: caller))
    }

    /// Checks the PIN under the lock-out rules, opens the holder key and starts a session: the
    /// socket's login and the wallet page's share it. `caller` is the OS account the session is
    /// bound to (nil for the page, which a cookie binds instead).
    func open(learnerID: String, pin: String, caller: UInt32?) async throws -> SessionResponse {
        guard let learner = try await store.learner(id: learnerID.lowercased()) else {
            throw APIError(.notFound, .learnerNotFound, "No learner with id \(learnerID) on this PC. See `wallet-cli learner list`.")
        }
        let now = try await pinCheck.verify(pin, of: learner)
        let holderKey = try await openHolderKey(of: learner, pin: pin)
        try await makeClaimIfMissing(learnerID: learner.id, key: holderKey, nowMs: now)
        let token = SessionToken.generate()
        let policy = authenticator.policy
        let ended = try await store.insertSession(tokenHash: token.storageHash, learnerID: learner.id, nowMs: now, policy: policy, ownerUID: caller)
        for old in ended { await keyring.remove(session: old) }
        await keyring.put(holderKey, session: token.storageHash, nowMs: now)
        return SessionResponse(token: token.text, learner: LearnerSummary(id: learner.id, name: learner.name, did: holderKey.didKey.did),
                               idleTimeoutSeconds: Int(policy.idleMs / 1000), maxLifetimeSeconds: Int(policy.maxLifetimeMs / 1000))
    }

    /// Ends every session the calling account opened. The account comes from the kernel, so one
    /// account can only ever end its own sessions.
    func lock(caller: UInt32?) async throws -> Response {
        guard let caller else {
            throw APIError(.badRequest, .badRequest, "This connection cannot say which account it comes from, so no session was ended. Call walletd over its Unix socket (`wallet-cli lock`).")
        }
        let ended = try await store.deleteSessions(ownerUID: caller)
        for hash in ended { await keyring.remove(session: hash) }
        if !ended.isEmpty {
            try store.appendAudit([AuditEvent(.lock, detail: ["uid": String(caller), "sessions": String(ended.count)])], nowMs: clock.nowMs())
        }
        return JSONResponse.make(status: .ok, body: LockResponse(ended: ended.count))
    }

    func delete(session: AuthenticatedSession) async throws -> Response {
        try await end(session)
        return Response(status: .noContent)
    }

    /// Ends one session: the row, the opened holder key, an audit line.
    func end(_ session: AuthenticatedSession) async throws {
        try await store.deleteSession(tokenHash: session.tokenHash)
        await keyring.remove(session: session.tokenHash)
        try store.appendAudit([AuditEvent(.logout, learner: session.learnerID)], nowMs: clock.nowMs())
    }

    /// A learner made before claims existed gets their first claim now, signed with the key just
    /// opened; the next sync takes it to the repository.
    func makeClaimIfMissing(learnerID: String, key: SigningKey, nowMs: Int64) async throws {
        guard let current = try await store.learner(id: learnerID), current.claim == nil,
              let claim = try current.signedClaim(key: key, generation: 0, nowMs: nowMs)
        else { return }
        _ = try await store.setClaimIfMissing(learnerID: learnerID, claim: claim)
    }

    /// Opens the learner's sealed holder key with the PIN just checked; a learner made before
    /// credentials existed gets one now, sealed under that PIN.
    func openHolderKey(of learner: Learner, pin: String) async throws -> SigningKey {
        let cost = pinCost
        if let sealed = learner.holderKey {
            do {
                return try await KeyDerivation.run { try HolderKeySeal.open(sealed, pin: pin, learnerID: learner.id) }
            } catch let busy as APIError {
                throw busy
            } catch {
                throw APIError(.internalServerError, .holderKeyUnreadable, "The PIN is right but \(learner.name)'s holder key cannot be opened (damaged data). Ask the centre admin; the learner's records are not affected.")
            }
        }
        let (key, sealed) = try await KeyDerivation.run {
            let key = SigningKey.generate()
            return (key, try HolderKeySeal.seal(key, pin: pin, learnerID: learner.id, cost: cost))
        }
        if try await store.setHolderKeyIfMissing(learnerID: learner.id, key: sealed) { return key }
        // Another login made one first: use that one.
        guard let stored = try await store.learner(id: learner.id)?.holderKey else { return key }
        return try await KeyDerivation.run { try HolderKeySeal.open(stored, pin: pin, learnerID: learner.id) }
    }
}
