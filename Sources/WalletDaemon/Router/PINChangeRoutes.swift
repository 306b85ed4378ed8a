import Foundation
import Hummingbird
import Credentials
import SyncEngine
import WalletAPI
import WalletCore
import SecurityPrimitives
import DaemonKit

/// `POST /v1/learners/{id}/pin`: `wallet-cli pin change`. Only the learner's own session may ask,
/// and the current PIN is checked again through login's lock-out (`PINCheck`), so a session left
/// open cannot be used to guess or to take over the PIN. The same holder key is sealed again under
/// the new PIN (the DID, and the credentials issued to it, stay), a claim of the next generation
/// is signed with it, the learner's other sessions on this PC end, and the change is logged. The
/// next sync takes the claim to the repository; the learner's other PCs get it with their pulls.
struct PINChangeRoutes: Sendable {
    let store: WalletStore
    let keyring: SessionKeyring
    let pinCheck: PINCheck
    let pinCost: ScryptCost
    /// Tells the background sync that there is something new to push.
    var onChange: @Sendable () -> Void = {}

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.changePIN) { request, context in try await change(request, session: context.requireSession()) }
    }

    func change(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let input = try await JSONRequestBody.decode(ChangePINRequest.self, from: request, limit: 16 * 1024)
        try LearnerInput.requireNewPIN(input.newPin)
        guard let learner = try await store.learner(id: session.learnerID) else {
            throw APIError(.notFound, .learnerNotFound, "This session's learner is no longer on this PC. See `wallet-cli learner list`.")
        }
        guard let sealed = learner.holderKey else {
            throw APIError(.conflict, .learnerHasNoKey, "\(learner.name) has no holder key on this PC yet. Log in again (that makes one), then change the PIN.")
        }
        let now = try await pinCheck.verify(input.currentPin, of: learner, purpose: "pin_change")
        let cost = pinCost
        let (key, newPIN, resealed): (SigningKey, PINHash, WireHolderKey)
        do {
            (key, newPIN, resealed) = try await KeyDerivation.run {
                let key = try HolderKeySeal.open(sealed, pin: input.currentPin, learnerID: learner.id)
                return (key, try PINHash.make(pin: input.newPin, cost: cost),
                        try HolderKeySeal.seal(key, pin: input.newPin, learnerID: learner.id, cost: cost))
            }
        } catch let busy as APIError {
            throw busy
        } catch {
            throw APIError(.internalServerError, .holderKeyUnreadable, "The PIN is right but \(learner.name)'s holder key cannot be opened (damaged data), so the PIN was not changed. Ask the centre admin.")
        }
        var changed = learner
        changed.pin = newPIN
        changed.holderKey = resealed
        let generation = (learner.claim?.generation ?? -1) + 1
        guard let claim = try changed.signedClaim(key: key, generation: generation, nowMs: now) else {
            throw APIError(.internalServerError, .holderKeyUnreadable, "The holder key does not match \(learner.name)'s DID, so the PIN was not changed. Ask the centre admin.")
        }
        guard let ended = try await store.changePIN(learnerID: learner.id, from: learner.pin, to: newPIN, holderKey: resealed, claim: claim,
                                                    keepingSession: session.tokenHash, nowMs: now)
        else {
            throw APIError(.conflict, .pinChanged, "\(learner.name)'s PIN was changed at the same moment elsewhere on this PC; nothing was changed by this request. Log in with the new PIN.")
        }
        await keyring.remove(sessions: ended)
        onChange()
        let body = ChangePINResponse(learner: LearnerSummary(id: learner.id, name: learner.name, did: resealed.did),
                                     generation: Int(generation), sessionsEnded: ended.count)
        return JSONResponse.make(status: .ok, body: body)
    }
}
