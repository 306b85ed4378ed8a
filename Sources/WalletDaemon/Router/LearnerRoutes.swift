import Foundation
import Hummingbird
import Credentials
import SyncEngine
import WalletAPI
import WalletCore
import SecurityPrimitives
import DaemonKit

/// `POST /v1/learners` and `GET /v1/learners` (a page at a time, oldest first: `PageQuery`).
///
/// Anyone at the PC may create a learner and see the list of ids and display names (that is how a
/// learner finds themselves to log in); nothing else about a learner is shown without their session.
struct LearnerRoutes: Sendable {
    let store: WalletStore
    let configuration: WalletdConfiguration
    let clock: WallClock
    /// Tells the background sync that there is something new to push.
    var onChange: @Sendable () -> Void = {}

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.createLearner) { request, _ in try await create(request) }
        routes.on(Endpoints.listLearners) { request, _ in try list(request) }
    }

    func create(_ request: Request) async throws -> Response {
        let input = try await JSONRequestBody.decode(CreateLearnerRequest.self, from: request, limit: 16 * 1024)
        return JSONResponse.make(status: .created, body: try await create(input))
    }

    /// Makes a learner with their holder key and first claim: the socket's route and the wallet
    /// page's form share it.
    func create(_ input: CreateLearnerRequest) async throws -> LearnerSummary {
        let name: String
        do {
            name = try LearnerInput.validateName(input.name)
            try LearnerInput.validatePIN(input.pin)
        } catch .name(let message) {
            throw APIError.badRequest(message, code: .invalidName)
        } catch .pin(let message) {
            throw APIError.badRequest(message, code: .invalidPIN)
        }
        let cost = configuration.pinCost
        // The holder key is made here and sealed under the same PIN; its private half never
        // exists on disk in the clear. The id is bound to it (`BoundLearnerID`), and the learner's
        // first claim is signed with it while it is in memory: the repository creates this id
        // only from that claim, so no other device can take the id first.
        let key = SigningKey.generate()
        let id = BoundLearnerID.make(holderDID: key.didKey.did)
        // scrypt is deliberately slow: off the cooperative threads, and bounded (KeyDerivation).
        let (pin, holderKey) = try await KeyDerivation.run {
            (try PINHash.make(pin: input.pin, cost: cost),
             try HolderKeySeal.seal(key, pin: input.pin, learnerID: id, cost: cost))
        }
        let now = clock.nowMs()
        var learner = Learner(id: id, name: name, pin: pin, createdMs: now, holderKey: holderKey)
        learner.claim = try learner.signedClaim(key: key, generation: 0, nowMs: now)
        try await store.insertLearner(learner)
        onChange()
        return LearnerSummary(id: learner.id, name: learner.name, did: holderKey.did)
    }

    func list(_ request: Request) throws -> Response {
        let query = try PageQuery(request, list: "learners")
        let page = try store.learners(after: try query.afterKey(), limit: query.limit)
        let learners = page.items.map { LearnerSummary(id: $0.id, name: $0.name, did: $0.holderKey?.did) }
        return JSONResponse.make(status: .ok, body: LearnerList(
            learners: learners, next: page.next.map { Endpoints.listLearners.path(query: query.query(after: PageQuery.key($0))) }))
    }
}
