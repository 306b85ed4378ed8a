import TestSupport
import Foundation
import Testing
import SecurityPrimitives
import Basics
@testable import RepositoryCore
@testable import SyncEngine

/// The hubs' side of learner claims, on repositoryd's SQLite store and the reference `MemoryHub`
/// alike: an id bound to a key cannot be squatted, and a known learner's PIN hash changes only
/// with a newer claim signed by their stored key, which a pull brings to their other PCs.
@Suite("Learner claims at the hub")
struct LearnerClaimHubTests {
    let ana = TestHolder(seed: 21)
    let mallory = TestHolder(seed: 22)

    /// One hub as these tests see it: the reference `MemoryHub` or a repository store.
    struct Hub: Sendable {
        let name: String
        let push: @Sendable (PushRequest, String) async throws -> PushResponse
        let pull: @Sendable (PullRequest, String) async throws -> PullResponse
        let learner: @Sendable (String) async throws -> WireLearner?
        let link: @Sendable (String, String) async throws -> Void
    }

    /// Runs `body` on the reference hub and on a fresh store of each kind (SQLite, PostgreSQL).
    func withHubs(_ body: (Hub) async throws -> Void) async throws {
        let memory = MemoryHub()
        try await body(Hub(name: "memory", push: { try memory.push($0, device: $1) }, pull: { try memory.pull($0, device: $1) },
                           learner: { memory.learner(id: $0) }, link: { memory.link(device: $0, learner: $1) }))
        for kind in StoreKind.allCases {
            try await kind.with(label: "claims") { opened in
                let store = opened.store
                try await body(Hub(name: kind.rawValue, push: { try await store.push($0, device: $1) }, pull: { try await store.pull($0, device: $1) },
                                   learner: { try await store.learner(id: $0)?.learner }, link: { try await store.link(device: $0, learner: $1) }))
            }
        }
    }

    func push(_ learner: WireLearner, from replica: ReplicaID, to hub: Hub) async throws {
        _ = try await hub.push(PushRequest(replica: replica, learner: learner, statements: [HubFixtures.statement(1)], records: []), replica.rawValue)
    }

    func push(_ learner: WireLearner, from replica: ReplicaID, to hub: MemoryHub) throws {
        _ = try hub.push(PushRequest(replica: replica, learner: learner, statements: [HubFixtures.statement(1)], records: []), device: replica.rawValue)
    }

    @Test func aBoundIdPushedFirstByAnotherDeviceWithItsOwnKeyIsRefusedAndTheOwnersPushThenSucceeds() async throws {
        try await withHubs { hub in
            let name = hub.name
            // Mallory's device names ana's id with her own PIN hash, key and claim.
            let squat = mallory.learner(id: ana.boundID, pinHash: "bWFsbG9yeQ")
            await #expect(throws: SyncHubError.self, "\(name)") { try await push(squat, from: HubFixtures.pcB, to: hub) }
            // Without any claim: refused too, as is ana's learner with a claim mallory signed.
            var bare = squat
            bare.claim = nil
            await #expect(throws: SyncHubError.self, "\(name)") { try await push(bare, from: HubFixtures.pcB, to: hub) }
            await #expect(throws: SyncHubError.self, "\(name)") { try await push(ana.learner(signedBy: mallory), from: HubFixtures.pcB, to: hub) }
            #expect(try await hub.learner(ana.boundID) == nil, "\(name): nothing of the refused pushes was kept")
            // Ana's own PC: accepted, and mallory's device still does not hold her.
            try await push(ana.learner(), from: HubFixtures.pcA, to: hub)
            #expect(try await hub.learner(ana.boundID)?.pinHash == "aGFzaA", "\(name)")
            await #expect(throws: SyncHubError.learnerNotHeld(ana.boundID), "\(name)") { try await push(ana.learner(), from: HubFixtures.pcB, to: hub) }
        }
    }

    @Test func aSquatRefusalIsAClaimRefusalThePCShowsHeldBack() throws {
        let hub = MemoryHub()
        do {
            try push(mallory.learner(id: ana.boundID), from: HubFixtures.pcB, to: hub)
            Issue.record("the squat was accepted")
        } catch let error as SyncHubError {
            guard case .learnerClaimRefused(let id, _) = error else { Issue.record("\(error)"); return }
            #expect(id == ana.boundID)
            #expect(error.syncFailure == .holdLearner(code: .learnerClaimRefused, message: error.description))
        }
    }

    @Test func aNewerClaimChangesThePINHashAnOlderOneNeverAndAPullBringsIt() async throws {
        try await withHubs { hub in
            let name = hub.name
            try await push(ana.learner(generation: 0), from: HubFixtures.pcA, to: hub)
            try await hub.link(HubFixtures.pcB.rawValue, ana.boundID)
            // PC A changed the PIN: generation 1, new PIN hash and a key sealed again.
            let changed = ana.learner(pinHash: "bmV3LXBpbg", sealed: "cmVzZWFsZWQ", generation: 1)
            try await push(changed, from: HubFixtures.pcA, to: hub)
            #expect(try await hub.learner(ana.boundID)?.pinHash == "bmV3LXBpbg", "\(name)")
            #expect(try await hub.learner(ana.boundID)?.holderKey?.sealed == "cmVzZWFsZWQ", "\(name): the sealed key served by learner fetch")
            #expect(try await hub.learner(ana.boundID)?.claim?.generation == 1, "\(name)")
            // PC B, which has not heard yet, pushes with the old claim: nothing goes back.
            try await push(ana.learner(generation: 0), from: HubFixtures.pcB, to: hub)
            #expect(try await hub.learner(ana.boundID)?.pinHash == "bmV3LXBpbg", "\(name)")
            // A claim of a higher generation signed by another key changes nothing either.
            try await push(mallory.learner(id: ana.boundID, pinHash: "bWFsbG9yeQ", generation: 7), from: HubFixtures.pcB, to: hub)
            #expect(try await hub.learner(ana.boundID)?.pinHash == "bmV3LXBpbg", "\(name)")
            // One naming ana's key but not signed by it is refused.
            await #expect(throws: SyncHubError.self, "\(name)") {
                try await push(ana.learner(pinHash: "bWFsbG9yeQ", generation: 8, signedBy: mallory), from: HubFixtures.pcB, to: hub)
            }
            // B's pull shows it has generation 0: the partition brings generation 1.
            let pull = PullRequest(replica: HubFixtures.pcB, limit: 100, partitions: [.init(learner: ana.boundID, since: 0, claim: 0)])
            let claimed = try #require(try await hub.pull(pull, HubFixtures.pcB.rawValue).partitions.first?.claimed, "\(name)")
            #expect(claimed.claim?.generation == 1 && claimed.pinHash == "bmV3LXBpbg", "\(name)")
            #expect(claimed.claim?.problem(with: claimed, holderDID: ana.did) == nil, "\(name)")
            // Up to date, or an older PC that does not say: nothing extra.
            for cursor in [PullRequest.Cursor(learner: ana.boundID, since: 0, claim: 1), .init(learner: ana.boundID, since: 0)] {
                let answer = try await hub.pull(PullRequest(replica: HubFixtures.pcB, limit: 100, partitions: [cursor]), HubFixtures.pcB.rawValue)
                #expect(answer.partitions.first?.claimed == nil, "\(name)")
            }
        }
    }

    @Test func aLearnerWithAnOlderRandomIdStillSyncsWithoutAClaimAndGetsOneLater() async throws {
        try await withHubs { hub in
            let name = hub.name
            let id = "0e2c5a4e-9f7b-4d1e-8c3a-6b2d9e0f1a2b"
            var old = ana.learner(id: id)
            old.claim = nil
            try await push(old, from: HubFixtures.pcA, to: hub)
            #expect(try await hub.learner(id)?.claim == nil, "\(name)")
            try await push(ana.learner(id: id, generation: 0), from: HubFixtures.pcA, to: hub)
            #expect(try await hub.learner(id)?.claim?.generation == 0, "\(name): the first login's claim is kept")
        }
    }
}
