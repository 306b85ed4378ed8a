import Foundation
import Testing
import Basics
import SyncEngine
@testable import WalletCore

/// walletd's side of a repository that went back in time: the witness it keeps, and the start
/// over that sends everything again — statements it pulled too, since their first PC may be gone.
@Suite("walletd after the repository started a new epoch")
struct WalletSyncStoreEpochTests {
    static func witness(_ epoch: String, _ seq: Int64) -> HubWitness { HubWitness(epoch: epoch, seq: seq, mark: "m\(seq)", seal: "s") }

    func pulled(_ fixture: StoreFixture, _ sync: WalletSyncStore, count: Int, next: Int64) throws -> [String] {
        let statements = try (0..<count).map { _ in
            guard case .object(var fields) = Statements.make() else { throw CancellationError() }
            fields["stored"] = "2026-12-01T10:00:00.000Z"
            fields["authority"] = fixture.authority(fixture.ana)
            return try WireStatement(value: .object(fields), path: "statements[0]")
        }
        try sync.applyPulled(PullResponse.Partition(learner: fixture.ana, statements: statements, records: [], next: next, more: false))
        return statements.map(\.id)
    }

    @Test func theWitnessOnlyMovesForwardWithinItsEpoch() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { 1 })
        #expect(try sync.hubWitness() == nil)
        try sync.keep(Self.witness("e1", 5))
        try sync.keep(Self.witness("e1", 3))
        #expect(try sync.hubWitness() == Self.witness("e1", 5), "an older answer never moves it back")
        try sync.keep(Self.witness("e2", 9))
        #expect(try sync.hubWitness() == Self.witness("e1", 5), "another epoch is the start-over's to take")
        try sync.keep(Self.witness("e1", 8))
        #expect(try sync.hubWitness() == Self.witness("e1", 8))
    }

    @Test func startingOverSendsOwnAndPulledStatementsAndPullsFromZero() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { 1 })
        let own = try await fixture.insert([Statements.make(), Statements.make()], for: fixture.ana)
        let theirs = try pulled(fixture, sync, count: 3, next: 40)
        // Everything of Ana's own is acknowledged; nothing is pending.
        let batch = try #require(try sync.pendingBatch(learner: fixture.ana, limit: 100))
        try sync.acknowledge(batch, response: PushResponse(batch: batch.request.batch, accepted: 2, duplicates: 0, conflicts: [], recordsMerged: 0, replayed: false))
        #expect(try sync.pendingBatch(learner: fixture.ana, limit: 100)?.request.statements.isEmpty ?? true)

        try sync.startOver(at: Self.witness("e2", 3))
        #expect(try sync.hubWitness() == Self.witness("e2", 3))
        #expect(try sync.partitions().first { $0.learner == fixture.ana }?.since == 0, "pulled from zero")
        let again = try #require(try sync.pendingBatch(learner: fixture.ana, limit: 100))
        #expect(Set(again.request.statements.map(\.id)) == Set(own + theirs), "her own and those pulled")
        #expect(try fixture.store.pendingCounts().first { $0.learner == fixture.ana }?.statements == 5)
        try sync.acknowledge(again, response: PushResponse(batch: again.request.batch, accepted: 5, duplicates: 0, conflicts: [], recordsMerged: 0, replayed: false))
        // Statements pulled after the start-over are never pushed back.
        _ = try pulled(fixture, sync, count: 2, next: 50)
        #expect(try sync.pendingBatch(learner: fixture.ana, limit: 100)?.request.statements.isEmpty ?? true)
        #expect(try fixture.store.pendingCounts().first { $0.learner == fixture.ana }?.statements == 0)
    }

    @Test func anOlderTrustListIsTakenOnlyFromANewEpoch() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let list: (Int) -> JSONValue = { version in ["version": .number(Double(version)), "n": .string("list \(version)")] }
        try fixture.store.storeTrustList(list(5), signer: "did:key:z1", version: 5, hubEpoch: "e1", nowMs: 1)
        #expect(throws: TrustListError.older(held: 5, found: 3)) {
            try fixture.store.storeTrustList(list(3), signer: "did:key:z1", version: 3, hubEpoch: "e1", nowMs: 2)
        }
        try fixture.store.storeTrustList(list(3), signer: "did:key:z1", version: 3, hubEpoch: "e2", nowMs: 3)
        #expect(try fixture.store.trustList()?.version == 3)
        #expect(throws: TrustListError.otherSigner(pinned: "did:key:z1", found: "did:key:z2")) {
            try fixture.store.storeTrustList(list(1), signer: "did:key:z2", version: 1, hubEpoch: "e3", nowMs: 4)
        }
    }
}
