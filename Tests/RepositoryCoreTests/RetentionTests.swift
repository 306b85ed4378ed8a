import Foundation
import GRDB
import Synchronization
import Testing
@testable import RepositoryCore
@testable import SyncEngine

/// What the repository keeps only for a while. Before `RepositoryRetention`, the batch log and
/// every record's history grew by a row per push forever (a record edited on every sync of a
/// region's PCs reached millions of versions).
@Suite("Repository retention")
struct RetentionTests {
    typealias F = HubFixtures

    final class Clock: Sendable {
        let ms = Mutex<Int64>(1_800_000_000_000)
        func advance(days: Int) { ms.withLock { $0 += Int64(days) * 86_400_000 } }
        var now: @Sendable () -> Int64 { { self.ms.withLock { $0 } } }
    }

    func store(_ clock: Clock, _ retention: RepositoryRetention = RepositoryRetention()) throws -> SQLiteRepositoryStore {
        try SQLiteRepositoryStore(directory: try F.folder(), durability: .normal, nowMs: clock.now, retention: retention)
    }

    func count(_ store: SQLiteRepositoryStore, _ table: String) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    @Test func aRecordKeepsItsNewestVersionsOnly() throws {
        let clock = Clock()
        let store = try store(clock, RepositoryRetention(recordVersions: 10))
        var state = RegisterState()
        for step in 0..<40 {
            state = state.writing(.string("v\(step)"), by: F.pcA, seen: state.context)
            _ = try store.push(PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: [],
                                           records: [WireRecord(key: "profile/email", state: state)]), device: "pc-a")
        }
        let other = RegisterState().writing(.string("x"), by: F.pcA, seen: VersionVector())
        _ = try store.push(PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: [],
                                       records: [WireRecord(key: "profile/phone", state: other)]), device: "pc-a")
        #expect(try store.stats().recordVersions == 11, "10 of the email's 40 versions, and the phone's one")
        let newest = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT state_json FROM hub_record_history WHERE key = 'profile/email' ORDER BY rowid")
        }
        #expect(newest.last?.contains("v39") == true && newest.first?.contains("v30") == true)
    }

    @Test func theBatchLogIsKeyedByDeviceAndPrunedByAge() throws {
        let clock = Clock()
        let store = try store(clock, RepositoryRetention(batchLogDays: 14))
        let push = PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: F.statements(1..<4), records: [])
        _ = try store.push(push, device: "pc-a")
        #expect(try store.push(push, device: "pc-a").replayed, "a lost answer's batch is answered from the log")
        #expect(try count(store, "hub_batch_log") == 1)
        clock.advance(days: 13)
        #expect(try store.prune().batchLogEntries == 0)
        clock.advance(days: 2)
        #expect(try store.prune().batchLogEntries == 1)
        // Sent again after that: applied again, and nothing changes.
        let again = try store.push(push, device: "pc-a")
        #expect(!again.replayed && again.accepted == 0 && again.duplicates == 3)
        #expect(try store.stats().statementsStored == 3)
    }

    @Test func witnessMarksArePrunedAndAWitnessOlderThanTheHorizonIsTakenAsGood() throws {
        let clock = Clock()
        let store = try store(clock, RepositoryRetention(witnessDays: 30))
        let old = try #require(try store.push(PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: F.statements(1..<3), records: []),
                                              device: "pc-a").hub)
        clock.advance(days: 31)
        let recent = try #require(try store.push(PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: F.statements(3..<5), records: []),
                                                 device: "pc-a").hub)
        #expect(try store.prune().witnessMarks == 1)
        #expect(try count(store, "hub_head") == 1)
        let pull = { (witness: HubWitness) throws -> String? in
            try store.pull(PullRequest(replica: F.pcA, limit: 10, partitions: [], witness: witness), device: "pc-a").hub?.epoch
        }
        #expect(try pull(old) == old.epoch, "older than the horizon: cannot be checked, so no new epoch")
        #expect(try pull(recent) == old.epoch)
    }
}
