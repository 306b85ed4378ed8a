import Foundation
import Hummingbird
import Credentials
import SyncEngine
import WalletAPI
import WalletCore
import SecurityPrimitives
import DaemonKit
import Basics

/// `POST /v1/learners/{id}/pin/reset`: `wallet-cli pin reset`, for a learner who forgot their PIN.
/// No session (they cannot log in), but each refused code counts like a wrong PIN in
/// `AccountRateLimitMiddleware`, and the repository counts them per learner. walletd cannot check
/// the code, so the reset is online only: it makes a new holder key, seals it under the new PIN,
/// signs the next claim with it and sends it with the code to the repository; only when the
/// repository takes it (and answers its signed reset statement) are the new PIN, key, claim and
/// statement stored here and the learner's sessions on this PC ended. A made-up code opens nothing.
struct PINResetRoutes: Sendable {
    let store: WalletStore
    let keyring: SessionKeyring
    let pinCost: ScryptCost
    let clock: WallClock
    /// Tells the background sync to run: the repository issues the learner's credentials again to
    /// the new DID, and the next pull brings them.
    var onChange: @Sendable () -> Void = {}

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.resetPIN) { request, context in
            try await reset(request, learnerID: try context.parameters.require("id"))
        }
    }

    func reset(_ request: Request, learnerID rawID: String) async throws -> Response {
        let input = try await JSONRequestBody.decode(ResetPINRequest.self, from: request, limit: 16 * 1024)
        try LearnerInput.requireNewPIN(input.newPin)
        let learnerID = rawID.lowercased()
        guard let learner = try await store.learner(id: learnerID) else {
            throw APIError(.notFound, .learnerNotFound,
                           "No learner \(learnerID.prefix(64)) on this PC. Reset the PIN at a PC that holds the learner (`wallet-cli learner list` shows them).")
        }
        let identity = try store.syncIdentity()
        guard identity.isRegistered, let repository = identity.repository else {
            throw APIError(.serviceUnavailable, .resetNeedsRepository,
                           "A PIN reset needs the repository, and this PC is not registered with one. Reset the PIN at an enrolled PC, or have the centre admin enrol this one (`wallet-cli device enrol`).")
        }
        let cost = pinCost
        let key = SigningKey.generate()
        let (newPIN, sealed) = try await KeyDerivation.run {
            (try PINHash.make(pin: input.newPin, cost: cost), try HolderKeySeal.seal(key, pin: input.newPin, learnerID: learnerID, cost: cost))
        }
        let now = clock.nowMs()
        var changed = learner
        changed.pin = newPIN
        changed.holderKey = sealed
        changed.reset = nil
        let generation = (learner.claim?.generation ?? -1) + 1
        guard let claim = try changed.signedClaim(key: key, generation: generation, nowMs: now) else {
            throw APIError(.internalServerError, .internalError, "The new holder key could not sign the learner's claim; nothing was changed.")
        }
        changed.claim = claim
        let client = try RepositoryClient(baseURL: repository, token: identity.token, caFile: identity.caFile)
        let asked = LearnerResetRequest(learner: learnerID, code: input.code, record: changed.wire)
        let answer: LearnerFetchResponse
        do {
            answer = try await Task.detached { try client.resetLearner(asked) }.value
        } catch let error as RepositoryError {
            if case .unreachable = error {
                throw APIError(.serviceUnavailable, .resetNeedsRepository,
                               "A PIN reset needs the repository, which this PC cannot reach now (\(error)). Nothing was changed and the code stays valid: try again when the network is back, or at another PC.")
            }
            throw DeviceRoutes.apiError(error)
        }
        let stored = answer.learner
        guard stored.id == learnerID, stored.holderKey?.did == sealed.did, stored.claim == claim, let statement = stored.reset else {
            throw APIError(.badGateway, .repositoryError, "The repository answered the reset with another learner record than the one sent; nothing was changed on this PC.")
        }
        if let problem = try resetStatementProblem(statement, claim: claim) {
            throw APIError(.badGateway, .repositoryError, "The repository's reset statement does not hold (\(problem)); nothing was changed on this PC.")
        }
        guard let ended = try await store.resetPIN(learnerID: learnerID, to: newPIN, holderKey: sealed, claim: claim, statement: statement, nowMs: now) else {
            throw APIError(.notFound, .learnerNotFound, "The learner left this PC while the reset ran. The repository took the new PIN: fetch them with `wallet-cli learner fetch`.")
        }
        await keyring.remove(sessions: ended)
        onChange()
        return JSONResponse.make(status: .ok, body: ResetPINResponse(learner: LearnerSummary(id: learner.id, name: learner.name, did: sealed.did),
                                                                   generation: Int(generation), sessionsEnded: ended.count))
    }

    /// The statement checked against the repository key this PC pinned (none pinned yet: the
    /// device token's channel is all this PC has, as at a learner fetch).
    func resetStatementProblem(_ statement: JSONValue, claim: WireLearnerClaim) throws -> String? {
        guard let trust = try store.trustList() else { return nil }
        let successions = (try? TrustListContent(json: trust.list.json))?.successions ?? []
        return LearnerResetStatement.problem(statement, learner: claim.learner, generation: claim.generation, holderDID: claim.holderDID,
                                             pinned: trust.anchor, successions: successions)
    }
}
