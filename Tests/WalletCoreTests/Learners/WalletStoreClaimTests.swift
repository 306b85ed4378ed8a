import Foundation
import GRDB
import Testing
import Basics
import SecurityPrimitives
import SyncEngine
import TestSupport
@testable import WalletCore

/// A PIN changed on another PC arrives with a pull as the learner's newer claim: this PC takes it
/// only when it verifies against the holder DID it has, and then ends the learner's sessions here.
@Suite("Wallet store: learner claims from pulls and fetches")
struct WalletStoreClaimTests {
    let ana = TestHolder(seed: 31)
    let mallory = TestHolder(seed: 32)

    func fixture() async throws -> (StoreFixture, WalletSyncStore) {
        let fixture = try await StoreFixture()
        _ = try fixture.store.insertFetchedLearner(ana.learner(generation: 0), nowMs: 1)
        _ = try await fixture.store.insertSession(tokenHash: "session-ana", learnerID: ana.boundID, nowMs: 1,
                                                  policy: SessionPolicy(idleMs: 60_000, maxLifetimeMs: 3_600_000), ownerUID: nil)
        return (fixture, try WalletSyncStore(store: fixture.store, nowMs: { 2 }))
    }

    func pulled(_ learner: WireLearner) -> PullResponse.Partition {
        PullResponse.Partition(learner: ana.boundID, statements: [], records: [], next: 0, more: false, claimed: learner)
    }

    @Test func aNewerClaimOfTheLearnersKeyBringsTheNewPINAndEndsTheirSessionsHere() async throws {
        let (fixture, sync) = try await fixture()
        defer { fixture.remove() }
        #expect(try sync.partitions().first { $0.learner == ana.boundID }?.claim == 0, "the pull cursor says which claim this PC has")
        try sync.applyPulled(pulled(ana.learner(pinHash: "bmV3LXBpbg", sealed: "cmVzZWFsZWQ", generation: 1)))
        let learner = try #require(try await fixture.store.learner(id: ana.boundID))
        #expect(learner.pin.hash == Base64URL.decode("bmV3LXBpbg"))
        #expect(learner.holderKey?.sealed == "cmVzZWFsZWQ" && learner.holderKey?.did == ana.did)
        #expect(learner.claim?.generation == 1)
        #expect(try await fixture.store.session(tokenHash: "session-ana") == nil)
        #expect(try fixture.store.auditLog().entries.contains { $0.kind == AuditEvent.Kind.pinChange.rawValue })
        #expect(try sync.partitions().first { $0.learner == ana.boundID }?.claim == 1)
    }

    @Test func aClaimNotSignedByTheLearnersKeyOrNotNewerChangesNothing() async throws {
        let (fixture, sync) = try await fixture()
        defer { fixture.remove() }
        try sync.applyPulled(pulled(ana.learner(pinHash: "bmV3LXBpbg", generation: 2)))
        let before = try #require(try await fixture.store.learner(id: ana.boundID))
        _ = try await fixture.store.insertSession(tokenHash: "session-ana-2", learnerID: ana.boundID, nowMs: 1,
                                                  policy: SessionPolicy(idleMs: 60_000, maxLifetimeMs: 3_600_000), ownerUID: nil)
        for hostile in [ana.learner(pinHash: "ZXZpbA", generation: 5, signedBy: mallory),   // names ana's DID, signed by mallory
                        mallory.learner(id: ana.boundID, pinHash: "ZXZpbA", generation: 5),  // mallory's own DID
                        ana.learner(pinHash: "ZXZpbA", generation: 1)] {                    // ana's, but older
            try sync.applyPulled(pulled(hostile))
            #expect(try await fixture.store.learner(id: ana.boundID)?.pin == before.pin)
            #expect(try await fixture.store.learner(id: ana.boundID)?.claim?.generation == 2)
        }
        #expect(try await fixture.store.session(tokenHash: "session-ana-2") != nil)
    }

    @Test func aFetchedLearnersClaimIsKeptOnlyWhenItHolds() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        _ = try fixture.store.insertFetchedLearner(ana.learner(generation: 2, signedBy: mallory), nowMs: 1)
        #expect(try await fixture.store.learner(id: ana.boundID)?.claim == nil)
        _ = try fixture.store.insertFetchedLearner(mallory.learner(generation: 3), nowMs: 1)
        #expect(try await fixture.store.learner(id: mallory.boundID)?.claim?.generation == 3)
    }
}
