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

    func hubs() throws -> [(name: String, hub: any SyncHub, learner: (String) throws -> WireLearner?)] {
        let sqlite = try HubFixtures.store()
        let memory = MemoryHub()
        return [("sqlite", sqlite, { try sqlite.learner(id: $0)?.learner }), ("memory", memory, { memory.learner(id: $0) })]
    }

    func push(_ learner: WireLearner, from replica: ReplicaID, to hub: any SyncHub) throws {
        _ = try hub.push(PushRequest(replica: replica, learner: learner, statements: [HubFixtures.statement(1)], records: []), device: replica.rawValue)
    }

    @Test func aBoundIdPushedFirstByAnotherDeviceWithItsOwnKeyIsRefusedAndTheOwnersPushThenSucceeds() throws {
        for (name, hub, stored) in try hubs() {
            // Mallory's device names ana's id with her own PIN hash, key and claim.
            let squat = mallory.learner(id: ana.boundID, pinHash: "bWFsbG9yeQ")
            #expect(throws: SyncHubError.self, "\(name)") { try push(squat, from: HubFixtures.pcB, to: hub) }
            // Without any claim: refused too, as is ana's learner with a claim mallory signed.
            var bare = squat
            bare.claim = nil
            #expect(throws: SyncHubError.self, "\(name)") { try push(bare, from: HubFixtures.pcB, to: hub) }
            #expect(throws: SyncHubError.self, "\(name)") { try push(ana.learner(signedBy: mallory), from: HubFixtures.pcB, to: hub) }
            #expect(try stored(ana.boundID) == nil, "\(name): nothing of the refused pushes was kept")
            // Ana's own PC: accepted, and mallory's device still does not hold her.
            try push(ana.learner(), from: HubFixtures.pcA, to: hub)
            #expect(try stored(ana.boundID)?.pinHash == "aGFzaA", "\(name)")
            #expect(throws: SyncHubError.learnerNotHeld(ana.boundID), "\(name)") { try push(ana.learner(), from: HubFixtures.pcB, to: hub) }
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

    @Test func aNewerClaimChangesThePINHashAnOlderOneNeverAndAPullBringsIt() throws {
        for (name, hub, stored) in try hubs() {
            try push(ana.learner(generation: 0), from: HubFixtures.pcA, to: hub)
            if let sqlite = hub as? SQLiteRepositoryStore { try sqlite.link(device: HubFixtures.pcB.rawValue, learner: ana.boundID) }
            if let memory = hub as? MemoryHub { memory.link(device: HubFixtures.pcB.rawValue, learner: ana.boundID) }
            // PC A changed the PIN: generation 1, new PIN hash and a key sealed again.
            let changed = ana.learner(pinHash: "bmV3LXBpbg", sealed: "cmVzZWFsZWQ", generation: 1)
            try push(changed, from: HubFixtures.pcA, to: hub)
            #expect(try stored(ana.boundID)?.pinHash == "bmV3LXBpbg", "\(name)")
            #expect(try stored(ana.boundID)?.holderKey?.sealed == "cmVzZWFsZWQ", "\(name): the sealed key served by learner fetch")
            #expect(try stored(ana.boundID)?.claim?.generation == 1, "\(name)")
            // PC B, which has not heard yet, pushes with the old claim: nothing goes back.
            try push(ana.learner(generation: 0), from: HubFixtures.pcB, to: hub)
            #expect(try stored(ana.boundID)?.pinHash == "bmV3LXBpbg", "\(name)")
            // A claim of a higher generation signed by another key changes nothing either.
            try push(mallory.learner(id: ana.boundID, pinHash: "bWFsbG9yeQ", generation: 7), from: HubFixtures.pcB, to: hub)
            #expect(try stored(ana.boundID)?.pinHash == "bmV3LXBpbg", "\(name)")
            // One naming ana's key but not signed by it is refused.
            #expect(throws: SyncHubError.self, "\(name)") {
                try push(ana.learner(pinHash: "bWFsbG9yeQ", generation: 8, signedBy: mallory), from: HubFixtures.pcB, to: hub)
            }
            // B's pull shows it has generation 0: the partition brings generation 1.
            let pull = PullRequest(replica: HubFixtures.pcB, limit: 100, partitions: [.init(learner: ana.boundID, since: 0, claim: 0)])
            let claimed = try #require(try hub.pull(pull, device: HubFixtures.pcB.rawValue).partitions.first?.claimed, "\(name)")
            #expect(claimed.claim?.generation == 1 && claimed.pinHash == "bmV3LXBpbg", "\(name)")
            #expect(claimed.claim?.problem(with: claimed, holderDID: ana.did) == nil, "\(name)")
            // Up to date, or an older PC that does not say: nothing extra.
            for cursor in [PullRequest.Cursor(learner: ana.boundID, since: 0, claim: 1), .init(learner: ana.boundID, since: 0)] {
                let answer = try hub.pull(PullRequest(replica: HubFixtures.pcB, limit: 100, partitions: [cursor]), device: HubFixtures.pcB.rawValue)
                #expect(answer.partitions.first?.claimed == nil, "\(name)")
            }
        }
    }

    @Test func aLearnerWithAnOlderRandomIdStillSyncsWithoutAClaimAndGetsOneLater() throws {
        for (name, hub, stored) in try hubs() {
            let id = "0e2c5a4e-9f7b-4d1e-8c3a-6b2d9e0f1a2b"
            var old = ana.learner(id: id)
            old.claim = nil
            try push(old, from: HubFixtures.pcA, to: hub)
            #expect(try stored(id)?.claim == nil, "\(name)")
            try push(ana.learner(id: id, generation: 0), from: HubFixtures.pcA, to: hub)
            #expect(try stored(id)?.claim?.generation == 0, "\(name): the first login's claim is kept")
        }
    }
}
