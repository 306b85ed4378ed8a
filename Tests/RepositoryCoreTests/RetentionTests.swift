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


    @Test(arguments: StoreKind.allCases) func aRecordKeepsItsNewestVersionsOnly(kind: StoreKind) async throws {
        let clock = Clock()
        try await kind.with(nowMs: clock.now, retention: RepositoryRetention(recordVersions: 10)) { opened in
        let store = opened.store
        var state = RegisterState()
        for step in 0..<40 {
            state = state.writing(.string("v\(step)"), by: F.pcA, seen: state.context)
            _ = try await store.push(PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: [],
                                           records: [WireRecord(key: "profile/email", state: state)]), device: "pc-a")
        }
        let other = RegisterState().writing(.string("x"), by: F.pcA, seen: VersionVector())
        _ = try await store.push(PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: [],
                                       records: [WireRecord(key: "profile/phone", state: other)]), device: "pc-a")
        #expect(try await store.stats().recordVersions == 11, "10 of the email's 40 versions, and the phone's one")
        let order = kind == .sqlite ? "rowid" : "id"
        #expect(try await opened.scalar("SELECT state_json FROM hub_record_history WHERE key = 'profile/email' ORDER BY \(order) DESC LIMIT 1").contains("v39"))
        #expect(try await opened.scalar("SELECT state_json FROM hub_record_history WHERE key = 'profile/email' ORDER BY \(order) LIMIT 1").contains("v30"))
        }
    }

    @Test(arguments: StoreKind.allCases) func theBatchLogIsKeyedByDeviceAndPrunedByAge(kind: StoreKind) async throws {
        let clock = Clock()
        try await kind.with(nowMs: clock.now, retention: RepositoryRetention(batchLogDays: 14)) { opened in
        let store = opened.store
        let push = PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: F.statements(1..<4), records: [])
        _ = try await store.push(push, device: "pc-a")
        #expect(try await store.push(push, device: "pc-a").replayed, "a lost answer's batch is answered from the log")
        #expect(try await opened.count("hub_batch_log") == 1)
        clock.advance(days: 13)
        #expect(try await store.prune().batchLogEntries == 0)
        clock.advance(days: 2)
        #expect(try await store.prune().batchLogEntries == 1)
        // Sent again after that: applied again, and nothing changes.
        let again = try await store.push(push, device: "pc-a")
        #expect(!again.replayed && again.accepted == 0 && again.duplicates == 3)
        #expect(try await store.stats().statementsStored == 3)
        }
    }

    @Test(arguments: StoreKind.allCases) func witnessMarksArePrunedAndAWitnessOlderThanTheHorizonIsTakenAsGood(kind: StoreKind) async throws {
        let clock = Clock()
        try await kind.with(nowMs: clock.now, retention: RepositoryRetention(witnessDays: 30)) { opened in
        let store = opened.store
        let old = try #require(try await store.push(PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: F.statements(1..<3), records: []),
                                              device: "pc-a").hub)
        clock.advance(days: 31)
        let recent = try #require(try await store.push(PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: F.statements(3..<5), records: []),
                                                 device: "pc-a").hub)
        #expect(try await store.prune().witnessMarks == 1)
        #expect(try await opened.count("hub_head") == 1)
        let pull = { (witness: HubWitness) async throws -> String? in
            try await store.pull(PullRequest(replica: F.pcA, limit: 10, partitions: [], witness: witness), device: "pc-a").hub?.epoch
        }
        #expect(try await pull(old) == old.epoch, "older than the horizon: cannot be checked, so no new epoch")
        #expect(try await pull(recent) == old.epoch)
        }
    }
}
