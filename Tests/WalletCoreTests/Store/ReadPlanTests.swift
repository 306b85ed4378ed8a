import Foundation
import GRDB
import Testing
import Basics
import SecurityPrimitives
import SyncEngine
@testable import WalletCore

/// Issue 14 item 3: the read routes' queries seek index ranges (their plans never scan the
/// statement table, nor sort a list), and what they answer is what the row-by-row queries
/// before them answered.
@Suite("Bounded read queries")
struct ReadPlanTests {
    static func plan(_ store: WalletStore, _ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> [String] {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String? ?? "" }
        }
    }

    /// The pending counts before issue 14: the condition checked statement by statement.
    static let rowByRowPendingSQL = """
        SELECT l.id AS id,
          (SELECT COUNT(*) FROM statement s WHERE s.learner_id = l.id AND (s.origin = 0 OR s.seq <= COALESCE(p.resend_through, 0))
             AND s.seq > COALESCE(p.pushed_seq, 0) AND NOT EXISTS (\(WalletSyncStore.quarantinedStatement))) AS statements
        FROM learner l LEFT JOIN sync_partition p ON p.learner_id = l.id ORDER BY l.created_ms, l.id
        """

    @Test func syncStatusCountsSeekIndexRangesAndNeverScanStatements() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let plan = try Self.plan(fixture.store, WalletStore.pendingCountsSQL)
        #expect(!plan.contains { $0.contains("SCAN statement") || $0.hasPrefix("SCAN s") || $0.hasPrefix("SCAN q") }, "\(plan)")
        #expect(plan.filter { $0.hasPrefix("SCAN") }.allSatisfy { $0.hasPrefix("SCAN l ") }, "only the learners are listed: \(plan)")
        #expect(plan.contains { $0.contains("statement_local_seq (learner_id=? AND seq>?)") }, "\(plan)")
        #expect(plan.contains { $0.hasPrefix("SEARCH q USING PRIMARY KEY") }, "the quarantine first, then its statements by id: \(plan)")
    }

    /// A sync run's push reads this PC's own statements past the checkpoint from
    /// `statement_local_seq`, not every statement pulled since the last push.
    @Test func aPushBatchSeeksThisPCsOwnStatements() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let plan = try Self.plan(fixture.store, WalletSyncStore.localBatchSQL, [fixture.ana, 0, 10])
        #expect(plan.contains { $0.contains("statement_local_seq (learner_id=? AND seq>?)") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") || $0.contains("TEMP B-TREE") }, "\(plan)")

        // And the batch holds exactly the local statements after the checkpoint.
        try await fixture.insert((0..<10).map { _ in Statements.make() }, for: fixture.ana)
        try await fixture.store.pool.write { db in
            try db.execute(sql: "UPDATE statement SET origin = 1 WHERE seq % 2 = 0")
            try db.execute(sql: "INSERT INTO sync_partition (learner_id, pushed_seq, announced) VALUES (?, 3, 1)", arguments: [fixture.ana])
        }
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { 1 })
        let batch = try #require(try sync.pendingBatch(learner: fixture.ana, limit: 100))
        #expect(batch.statementSeqs == [5, 7, 9])
    }

    @Test func pendingCountsAreTheRowByRowCountsWithPulledResentAndQuarantinedStatements() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let anaIDs = try await fixture.insert((0..<30).map { _ in Statements.make() }, for: fixture.ana)
        try await fixture.insert((0..<12).map { _ in Statements.make() }, for: fixture.ben)
        try await fixture.store.pool.write { db in
            // Pulled statements among the local ones; Ana pushed through seq 6 and resends through 20.
            try db.execute(sql: "UPDATE statement SET origin = 1 WHERE seq % 3 = 0")
            try db.execute(sql: "INSERT INTO sync_partition (learner_id, pushed_seq, resend_through, announced) VALUES (?, 6, 20, 1)", arguments: [fixture.ana])
            for id in [anaIDs[10], anaIDs[11], anaIDs[2]] {
                try db.execute(sql: """
                    INSERT INTO sync_quarantine (learner_id, kind, item, seq, code, reason, quarantined_ms, walletd_version)
                    SELECT learner_id, 'statement', id, seq, 'invalid_statement', 'test', 1, 'test' FROM statement WHERE id = ?
                    """, arguments: [id])
            }
        }
        let expected = try await fixture.store.pool.read { db in
            try Row.fetchAll(db, sql: Self.rowByRowPendingSQL).map { "\($0["id"] as String)=\($0["statements"] as Int)" }
        }
        let counted = try fixture.store.pendingCounts().map { "\($0.learner)=\($0.statements)" }
        #expect(counted == expected)
        #expect(try fixture.store.pendingCounts().map(\.statements).allSatisfy { $0 > 0 })
    }

    @Test func healthCountsTheKeptStatementTotalThroughInsertsAndForget() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try await fixture.insert((0..<9).map { _ in Statements.make() }, for: fixture.ana)
        try await fixture.insert((0..<4).map { _ in Statements.make() }, for: fixture.ben)
        func counted() throws -> Int { try fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM statement") ?? -1 } }
        #expect(try await fixture.store.counts(nowMs: 0).statements == 13 && counted() == 13)
        _ = try fixture.store.forgetLearner(id: fixture.ben, force: true)
        #expect(try await fixture.store.counts(nowMs: 0).statements == 9 && counted() == 9)
        let plan = try Self.plan(fixture.store, WalletStore.statementTotalSQL)
        #expect(plan.allSatisfy { !$0.hasPrefix("SCAN") }, "\(plan)")
    }

    @Test func pagesSeekTheirFirstRowAndSortNothing() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let queries: [(String, StatementArguments)] = [
            (WalletStore.learnerPageSQL, [0, "", 10]), (WalletStore.credentialPageSQL, ["a", 0, "", 10]), (WalletStore.recordPageSQL, ["a", "", 10]),
        ]
        for (sql, arguments) in queries {
            let plan = try Self.plan(fixture.store, sql, arguments)
            #expect(plan.allSatisfy { !$0.hasPrefix("SCAN") && !$0.contains("TEMP B-TREE") }, "\(sql): \(plan)")
        }
    }

    @Test func learnerAndRecordPagesWalkEveryRowOnceAndAConflictsPageReadsABoundedNumber() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        var learners: [String] = []
        var page = try fixture.store.learners(after: nil, limit: 1)
        learners += page.items.map(\.id)
        while let next = page.next {
            page = try fixture.store.learners(after: next, limit: 1)
            learners += page.items.map(\.id)
        }
        #expect(learners == [fixture.ana, fixture.ben])

        let replica = try #require(ReplicaID(validating: UUID().uuidString.lowercased()))
        _ = try fixture.store.writeRecord(learnerID: fixture.ana, key: "enrolment/c0000", value: "enrolled", seen: nil, replica: replica)
        try await fixture.store.pool.write { db in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
                INSERT INTO record (learner_id, key, state_json, dirty)
                SELECT learner_id, printf('enrolment/c%04d', i), state_json, 0 FROM record, n WHERE key = 'enrolment/c0000'
                """)
        }
        let records = try fixture.store.records(learnerID: fixture.ana, conflictsOnly: false, after: "enrolment/c0500", limit: 3)
        #expect(records.items.map(\.key) == ["enrolment/c0501", "enrolment/c0502", "enrolment/c0503"] && records.next == "enrolment/c0503")
        let conflicts = try fixture.store.records(learnerID: fixture.ana, conflictsOnly: true, after: nil, limit: 10)
        #expect(conflicts.items.isEmpty && conflicts.next == String(format: "enrolment/c%04d", WalletStore.conflictScanRows - 1),
                "none conflicted: the page stops after \(WalletStore.conflictScanRows) records, with a next")
        let rest = try fixture.store.records(learnerID: fixture.ana, conflictsOnly: true, after: conflicts.next, limit: 10)
        #expect(rest.items.isEmpty && rest.next == nil)
    }

    @Test func auditPagesCheckWhatTheWholeLogChecks() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        for index in 0..<25 { try fixture.store.appendAudit([AuditEvent(.login, learner: fixture.ana, detail: ["n": String(index)])], nowMs: 1) }
        func pages() throws -> [Int64?] {
            var found: [Int64?] = []
            var after: Int64 = 0
            while true {
                let page = try fixture.store.auditLog(after: after, limit: 10)
                found.append(page.firstBroken)
                guard let next = page.next else { return found }
                after = next
            }
        }
        #expect(try pages() == [nil, nil, nil])
        try await fixture.store.pool.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "UPDATE audit_log SET detail = '{\"n\":\"x\"}' WHERE seq = 15")
        }
        #expect(try fixture.store.auditLog().firstBroken == 15)
        #expect(try pages() == [nil, 15, nil], "the page holding the change names it; the next checks from the stored hash")
        #expect(try fixture.store.auditLog(after: 99, limit: 10).entries.isEmpty)
    }
}
