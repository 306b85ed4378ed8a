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

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.login) { request, _ in try await create(request) }
        routes.on(Endpoints.logout) { _, context in try await delete(session: context.requireSession()) }
    }

    func create(_ request: Request) async throws -> Response {
        let input = try await JSONRequestBody.decode(CreateSessionRequest.self, from: request, limit: 16 * 1024)
        guard let learner = try await store.learner(id: input.learner.lowercased()) else {
            throw APIError(.notFound, .learnerNotFound, "No learner with id \(input.learner) on this PC. See `wallet-cli learner list`.")
        }
        let now = try await pinCheck.verify(input.pin, of: learner)
        let holderKey = try await openHolderKey(of: learner, pin: input.pin)
        let token = SessionToken.generate()
        try await store.insertSession(tokenHash: token.storageHash, learnerID: learner.id, nowMs: now, idleMs: authenticator.idleMs)
        await keyring.put(holderKey, session: token.storageHash, nowMs: now)
        let body = SessionResponse(token: token.text, learner: LearnerSummary(id: learner.id, name: learner.name, did: holderKey.didKey.did),
                                   idleTimeoutSeconds: Int(authenticator.idleMs / 1000))
        return JSONResponse.make(status: .created, body: body)
    }

    func delete(session: AuthenticatedSession) async throws -> Response {
        try await store.deleteSession(tokenHash: session.tokenHash)
        await keyring.remove(session: session.tokenHash)
        return Response(status: .noContent)
    }

    /// Opens the learner's sealed holder key with the PIN just checked; a learner made before
    /// credentials existed gets one now, sealed under that PIN.
    func openHolderKey(of learner: Learner, pin: String) async throws -> SigningKey {
        let cost = pinCost
        if let sealed = learner.holderKey {
            do {
                return try await Task.detached { try HolderKeySeal.open(sealed, pin: pin, learnerID: learner.id) }.value
            } catch {
                throw APIError(.internalServerError, .holderKeyUnreadable, "The PIN is right but \(learner.name)'s holder key cannot be opened (damaged data). Ask the centre admin; the learner's records are not affected.")
            }
        }
        let (key, sealed) = try await Task.detached {
            let key = SigningKey.generate()
            return (key, try HolderKeySeal.seal(key, pin: pin, learnerID: learner.id, cost: cost))
        }.value
        if try await store.setHolderKeyIfMissing(learnerID: learner.id, key: sealed) { return key }
        // Another login made one first: use that one.
        guard let stored = try await store.learner(id: learner.id)?.holderKey else { return key }
        return try await Task.detached { try HolderKeySeal.open(stored, pin: pin, learnerID: learner.id) }.value
    }
}
