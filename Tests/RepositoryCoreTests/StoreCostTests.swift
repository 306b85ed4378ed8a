import Foundation
import GRDB
import Testing
@testable import RepositoryCore
@testable import SyncEngine

/// What a push batch and a pull cost in the SQLite store. The figures are printed; the bounds are
/// the team's targets in a release build (a 1,000-statement batch well under 20 ms, so 100,000
/// statements push in ≤ 3 s end to end) and a loose guard in a debug build.
@Suite("Store cost", .serialized)
struct StoreCostTests {
    #if DEBUG
    static let batchBoundMs = 500.0
    static let build = "debug"
    #else
    static let batchBoundMs = 20.0
    static let build = "release"
    #endif

    static func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }

    @Test func applyingAThousandStatementBatch() throws {
        let store = try SQLiteRepositoryStore(directory: try HubFixtures.folder(), durability: .full)
        let clock = ContinuousClock()
        var times: [Double] = []
        for batch in 0..<20 {
            let statements = HubFixtures.statements(batch * 1_000..<(batch + 1) * 1_000)
            let request = PushRequest(replica: HubFixtures.pcA, learner: HubFixtures.learner("ana"), statements: statements, records: [])
            var answer: PushResponse?
            times.append(Self.ms(clock.measure { answer = try? store.push(request, device: "pc-a") }))
            #expect(answer?.accepted == 1_000)
        }
        let sorted = times.sorted()
        let median = sorted[sorted.count / 2]
        print("push of one 1,000-statement batch (\(Self.build), synchronous=full, store growing to 20,000): median \(String(format: "%.1f", median)) ms, max \(String(format: "%.1f", sorted.last ?? 0)) ms")
        #expect(median < Self.batchBoundMs)
        #expect(try store.stats().statementsStored == 20_000)
    }

    @Test func applyingAThousandRecordBatch() throws {
        let store = try SQLiteRepositoryStore(directory: try HubFixtures.folder(), durability: .full)
        let records = (0..<1_000).map { HubFixtures.record("enrolment/COURSE-\($0)", "enrolled", by: HubFixtures.pcA) }
        let request = PushRequest(replica: HubFixtures.pcA, learner: HubFixtures.learner("ana"), statements: [], records: records)
        var answer: PushResponse?
        let elapsed = Self.ms(ContinuousClock().measure { answer = try? store.push(request, device: "pc-a") })
        print("push of one 1,000-record batch (\(Self.build), synchronous=full): \(String(format: "%.1f", elapsed)) ms")
        #expect(answer?.recordsMerged == 1_000)
        #expect(try store.stats().records == 1_000)
    }

    @Test func pullingAThousandStatements() throws {
        let store = try SQLiteRepositoryStore(directory: try HubFixtures.folder(), durability: .normal)
        for batch in 0..<20 {
            let statements = HubFixtures.statements(batch * 1_000..<(batch + 1) * 1_000)
            _ = try store.push(PushRequest(replica: HubFixtures.pcA, learner: HubFixtures.learner("ana"), statements: statements, records: []), device: "pc-a")
        }
        try store.link(device: "pc-b", learner: "ana")   // Ana was fetched onto PC B
        let clock = ContinuousClock()
        var answer: PullResponse?
        let elapsed = Self.ms(clock.measure {
            answer = try? store.pull(PullRequest(replica: HubFixtures.pcB, limit: 1_000, partitions: [.init(learner: "ana", since: 9_000)]), device: "pc-b")
        })
        print("pull of 1,000 statements from a store of 20,000 (\(Self.build)): \(String(format: "%.1f", elapsed)) ms")
        #expect(answer?.partitions.first?.statements.count == 1_000 && answer?.partitions.first?.next == 10_000)
    }

    /// The settings that keep a batch's cost flat as the store grows (see `SQLiteRepositoryStore`).
    @Test func theWriterHasABigCacheAndCheckpointsSeldom() throws {
        let store = try HubFixtures.store()
        let (cache, checkpoint, synchronous) = try store.pool.write { db in
            (try Int.fetchOne(db, sql: "PRAGMA cache_size"), try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"),
             try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(cache == -SQLiteRepositoryStore.cacheKiB && checkpoint == SQLiteRepositoryStore.checkpointPages)
        #expect(synchronous == 1, "the fixtures ask for normal (1)")
        let full = try SQLiteRepositoryStore(directory: try HubFixtures.folder(), durability: .full)
        #expect(try full.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2, "full is 2")
    }

    /// A pull's cost grows with the changes it returns, not with the store: its queries seek an
    /// index on (learner, sequence), never scan a table.
    @Test func pullQueriesSeekIndexes() throws {
        let store = try HubFixtures.store()
        let plans = try store.pool.read { db in
            try [
                "SELECT hub_seq, origin FROM hub_statement WHERE learner_id = 'ana' AND hub_seq > 0 ORDER BY hub_seq",
                "SELECT key, state_json, hub_seq FROM hub_record WHERE learner_id = 'ana' AND hub_seq > 0 ORDER BY hub_seq",
            ].map { sql in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String? ?? "" }.joined(separator: "; ") }
        }
        #expect(plans[0].contains("COVERING INDEX hub_statement_learner_seq"), "\(plans[0])")
        #expect(plans[1].contains("INDEX hub_record_learner_seq"), "\(plans[1])")
        #expect(!plans.joined().contains("SCAN"), "\(plans)")
    }
}
