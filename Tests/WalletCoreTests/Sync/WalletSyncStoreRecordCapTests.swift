import Foundation
import Testing
import SyncEngine
@testable import WalletCore

/// A pulled record whose merge with the PC's own would pass `RegisterState.maxSiblings` was
/// stored and could not be read back (every read of the learner's records failed). Now the
/// PC's state stays; the hub's comes again once the conflict is resolved and it changes.
@Suite("The sibling cap on the PC")
struct WalletSyncStoreRecordCapTests {
    static func crowded(_ prefix: String, _ count: Int) -> WireRecord {
        let siblings = (0..<count).map { Sibling(dot: Dot(replica: ReplicaID("\(prefix)\($0)"), counter: 1), value: .string("\(prefix) \($0)")) }
        return WireRecord(key: "profile/email", state: RegisterState(siblings: siblings, context: VersionVector()))
    }

    @Test func aPullThatWouldPassTheCapLeavesTheLocalStateReadable() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { 1 })
        try sync.applyPulled(PullResponse.Partition(learner: fixture.ana, statements: [], records: [Self.crowded("a", 600)], next: 1, more: false))
        try sync.applyPulled(PullResponse.Partition(learner: fixture.ana, statements: [], records: [Self.crowded("b", 600)], next: 2, more: false))
        let records = try fixture.store.records(learnerID: fixture.ana, conflictsOnly: false)
        #expect(records.first?.state.siblings.count == 600)
        #expect(try sync.partitions().first { $0.learner == fixture.ana }?.since == 2, "the pull still moved on")
    }
}
