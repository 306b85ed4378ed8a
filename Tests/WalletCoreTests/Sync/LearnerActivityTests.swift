import Foundation
import Synchronization
import Testing
import Basics
import SecurityPrimitives
import SyncEngine
@testable import WalletCore

/// Learners unused on a PC for `--sync-idle-learner-days` leave its pull set, and come back when
/// used. Before, the set only grew: every learner a PC ever held was named in every pull.
@Suite("Idle learners and the pull set")
struct LearnerActivityTests {
    static let day: Int64 = 86_400_000

    @Test func anIdleLearnerLeavesThePullSetAndComesBackWhenUsed() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let start: Int64 = 1_900_000_000_000
        _ = try await fixture.store.insertSession(tokenHash: "t-ana", learnerID: fixture.ana, nowMs: start, policy: SessionPolicy(idleMs: 60_000, maxLifetimeMs: 3_600_000), ownerUID: nil)
        _ = try await fixture.store.insertSession(tokenHash: "t-ben", learnerID: fixture.ben, nowMs: start, policy: SessionPolicy(idleMs: 60_000, maxLifetimeMs: 3_600_000), ownerUID: nil)
        let clock = Clock(start + 100 * Self.day)
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { clock.now }, idleLearnerMs: 180 * Self.day)
        #expect(Set(try sync.pullPartitions().map(\.learner)) == [fixture.ana, fixture.ben])

        // Ben studies on; Ana does not come back for half a year.
        _ = try await fixture.insert([Statements.make()], for: fixture.ben, nowMs: start + 150 * Self.day)
        clock.now = start + 200 * Self.day
        #expect(try sync.pullPartitions().map(\.learner) == [fixture.ben])
        #expect(Set(try sync.partitions().map(\.learner)) == [fixture.ana, fixture.ben], "pushes still go through everyone")

        // She logs in again: back in the pull set, from her checkpoint.
        _ = try await fixture.store.insertSession(tokenHash: "t-ana-2", learnerID: fixture.ana, nowMs: clock.now, policy: SessionPolicy(idleMs: 60_000, maxLifetimeMs: 3_600_000), ownerUID: nil)
        #expect(Set(try sync.pullPartitions().map(\.learner)) == [fixture.ana, fixture.ben])

        // A fetch of a learner already here counts as use too.
        clock.now = start + 500 * Self.day
        #expect(try sync.pullPartitions().isEmpty)
        let wire = WireLearner(id: fixture.ben, name: "Ben", pinSalt: "c2FsdA", pinHash: "aGFzaA", pinCost: ScryptCost(logN: 10), createdMs: 1)
        #expect(try fixture.store.insertFetchedLearner(wire, nowMs: clock.now) == false)
        #expect(try sync.pullPartitions().map(\.learner) == [fixture.ben])
        // Without a limit, everyone stays.
        #expect(try WalletSyncStore(store: fixture.store, nowMs: { clock.now }).pullPartitions().count == 2)
    }

    final class Clock: Sendable {
        private let ms: Mutex<Int64>
        init(_ now: Int64) { ms = Mutex(now) }
        var now: Int64 {
            get { ms.withLock { $0 } }
            set { ms.withLock { $0 = newValue } }
        }
    }
}
