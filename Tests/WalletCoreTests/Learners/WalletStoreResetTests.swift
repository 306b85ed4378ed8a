import Foundation
import Testing
import Basics
import Credentials
import SecurityPrimitives
import SyncEngine
import TestSupport
@testable import WalletCore

/// A PIN reset done on another PC arrives with a pull as a claim naming a NEW holder DID: this PC
/// takes it only with the repository's reset statement for that learner, generation and DID,
/// signed by the trust-list key it pinned; then the learner's sessions here end.
@Suite("Wallet store: PIN resets from pulls")
struct WalletStoreResetTests {
    let ana = TestHolder(seed: 41)
    let anaAfterReset = TestHolder(seed: 42)
    let repository = SigningKey.generate()

    func fixture() async throws -> (StoreFixture, WalletSyncStore) {
        let fixture = try await StoreFixture()
        _ = try fixture.store.insertFetchedLearner(ana.learner(generation: 0), nowMs: 1)
        _ = try await fixture.store.insertSession(tokenHash: "session-ana", learnerID: ana.boundID, nowMs: 1,
                                                  policy: SessionPolicy(idleMs: 60_000, maxLifetimeMs: 3_600_000), ownerUID: nil)
        // The trust list this PC pinned at its first sync names the repository's key.
        try fixture.store.storeTrustList(.object(["type": "TrustList"]), signer: repository.didKey.did, version: 1, hubEpoch: nil, nowMs: 1)
        return (fixture, try WalletSyncStore(store: fixture.store, nowMs: { 2 }))
    }

    /// Ana after the reset: her id, a new PIN hash, her new key's claim of `generation`, and a
    /// reset statement signed by `signer` for `statedGeneration`.
    func reset(generation: Int64 = 1, signer: SigningKey? = nil, statedGeneration: Int64? = nil, withStatement: Bool = true) throws -> PullResponse.Partition {
        var learner = anaAfterReset.learner(id: ana.boundID, pinHash: "bmV3LXBpbg", generation: generation)
        if withStatement {
            learner.reset = try LearnerResetStatement.sign(learner: ana.boundID, generation: statedGeneration ?? generation, holderDID: anaAfterReset.did,
                                                           atMs: 2, key: signer ?? repository)
        }
        return PullResponse.Partition(learner: ana.boundID, statements: [], records: [], next: 0, more: false, claimed: learner)
    }

    @Test func aNewDIDWithoutTheRepositorysStatementChangesNothing() async throws {
        let (fixture, sync) = try await fixture()
        defer { fixture.remove() }
        for hostile in [try reset(withStatement: false), try reset(signer: SigningKey.generate()), try reset(statedGeneration: 2)] {
            try sync.applyPulled(hostile)
            let learner = try #require(try await fixture.store.learner(id: ana.boundID))
            #expect(learner.holderKey?.did == ana.did && learner.claim?.generation == 0 && learner.reset == nil)
        }
        #expect(try await fixture.store.session(tokenHash: "session-ana") != nil)
    }

    @Test func theRepositorysStatementBringsTheNewKeyAndPINAndEndsTheSessionsHere() async throws {
        let (fixture, sync) = try await fixture()
        defer { fixture.remove() }
        let pulled = try reset()
        try sync.applyPulled(pulled)
        let learner = try #require(try await fixture.store.learner(id: ana.boundID))
        #expect(learner.holderKey?.did == anaAfterReset.did && learner.pin.hash == Base64URL.decode("bmV3LXBpbg"))
        #expect(learner.claim?.generation == 1 && learner.reset == pulled.claimed?.reset)
        #expect(try await fixture.store.session(tokenHash: "session-ana") == nil)
        #expect(try fixture.store.auditLog().entries.contains { $0.kind == AuditEvent.Kind.pinReset.rawValue })
        #expect(try sync.partitions().first { $0.learner == ana.boundID }?.claim == 1)
        // Pushed from here on with the statement, so a restored repository can follow.
        #expect(learner.wire.reset == pulled.claimed?.reset)
    }
}
