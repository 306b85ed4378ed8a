import Foundation
import GRDB
import SecurityPrimitives
import SQLiteStorage
import WalletAPI

/// "Forget me on this PC": every row naming a learner goes, in one transaction, but only when the
/// repository has acknowledged all of theirs, unless forced. Afterwards ``compactAfterForget()``
/// rewrites the file and empties the write-ahead log, so the deleted bytes leave the data folder.
///
/// The learner row goes too, which takes them out of the set of learners this PC pushes and pulls
/// (`WalletSyncStore.partitions`): a later sync cannot bring their data back. `learner fetch` with
/// their PIN brings them back on purpose.
///
/// ```swift
/// do {
///     let outcome = try store.forgetLearner(id: ana.id, force: false)
///     try store.compactAfterForget()
/// } catch let refused as ForgetRefused {
///     print(refused.unsynced.summary)      // "12 statements and 1 record"
/// }
/// ```
extension WalletStore {
    /// What of the learner's data the repository has not acknowledged; nil for an unknown learner.
    public func unsyncedData(learnerID: String) throws -> UnsyncedCounts? {
        try readNow { db in try Self.unsynced(learnerID, db: db) }
    }

    /// Removes the learner and every row naming them. Throws ``ForgetRefused`` (and removes
    /// nothing) when something of theirs has not reached the repository and `force` is false;
    /// nil for an unknown learner.
    /// The `forget` audit entry is written in the same transaction; the audit log itself is not
    /// touched (append-only); it names learners only by the SHA-256 of their id, so the id still
    /// leaves every file.
    public func forgetLearner(id learnerID: String, force: Bool,
                              nowMs: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) throws -> ForgetOutcome? {
        try writeWithoutForeignKeys { db in
            guard let unsynced = try Self.unsynced(learnerID, db: db) else { return nil }
            if !unsynced.isEmpty && !force { throw ForgetRefused(unsynced: unsynced) }
            let sessions = try String.fetchAll(db, sql: "SELECT token_hash FROM session WHERE learner_id = ?", arguments: [learnerID])
            let arguments: StatementArguments = [learnerID]
            // The index tables reference statement(seq) without a cascade: they go first.
            try db.execute(sql: "DELETE FROM statement_activity WHERE seq IN (SELECT seq FROM statement WHERE learner_id = ?)", arguments: arguments)
            try db.execute(sql: "DELETE FROM statement_agent WHERE seq IN (SELECT seq FROM statement WHERE learner_id = ?)", arguments: arguments)
            try KeptProgress.forget(learnerID: learnerID, db: db)
            try AttachmentTables.forget(learnerID: learnerID, db: db)
            var removed = ForgetCounts(sessions: sessions.count)
            removed.statements = try Self.delete("statement", learnerID, db)
            removed.records = try Self.delete("record", learnerID, db)
            removed.credentials = try Self.delete("credential", learnerID, db)
            // Foreign keys are off here: every table with a learner_id is named (cmi5 launches and
            // xAPI documents included), as `forgetLeavesNoRowOfTheLearner` checks.
            for table in ["statement_conflict", "sync_quarantine", "sync_partition", "session", "cmi5_session", "xapi_document"] {
                _ = try Self.delete(table, learnerID, db)
            }
            try db.execute(sql: "DELETE FROM learner WHERE id = ?", arguments: arguments)
            try AuditLogTable.append([AuditEvent(.forget, learner: learnerID, detail: [
                "force": String(force), "statements": String(removed.statements), "records": String(removed.records),
                "credentials": String(removed.credentials), "lost_statements": String(unsynced.statements),
            ])], atMs: nowMs, db: db)
            return ForgetOutcome(removed: removed, lost: unsynced.isEmpty ? UnsyncedCounts(enrolled: unsynced.enrolled) : unsynced,
                                 sessionTokenHashes: sessions)
        }
    }

    /// Rewrites the database (VACUUM: no free page keeps a deleted row's bytes) and folds the
    /// write-ahead log in and truncates it (its frames held the rows as they were).
    public func compactAfterForget() throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM")
            _ = try db.checkpoint(.truncate)
        }
    }

    /// One write transaction with foreign keys off, for deletes that remove every dependent row
    /// themselves. Statements are deleted nowhere else, and the index tables' references to
    /// `statement(seq)` have no index on `seq` (one would cost every insert): with foreign keys on,
    /// each deleted statement scanned both tables (measured: 26 s to forget 10,000 of 20,000
    /// statements, debug build). The pragma cannot change inside a transaction, hence its own.
    func writeWithoutForeignKeys<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                // inTransaction ran the body to its end, or threw.
                guard let result else { preconditionFailure("a committed transaction did not run its body") }
                return result
            }
        } catch {
            if let fault = Self.storageFault(of: error) { storage.record(fault) }
            throw error
        }
    }

    static func delete(_ table: String, _ learnerID: String, _ db: Database) throws -> Int {
        try db.execute(sql: "DELETE FROM \(table) WHERE learner_id = ?", arguments: [learnerID])
        return db.changesCount
    }

    /// Counted as `pendingCounts` counts, plus quarantined items and an unannounced learner. On a
    /// PC never enrolled, nothing is anywhere else: every statement and record counts.
    static func unsynced(_ learnerID: String, db: Database) throws -> UnsyncedCounts? {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM learner WHERE id = ?)", arguments: [learnerID]) == true else { return nil }
        let enrolled = try Row.fetchOne(db, sql: "SELECT repository, token FROM sync_identity WHERE singleton = 1")
            .map { ($0["repository"] as String?) != nil && ($0["token"] as String?) != nil } ?? false
        let quarantined = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sync_quarantine WHERE learner_id = ?", arguments: [learnerID]) ?? 0
        guard enrolled else {
            return UnsyncedCounts(
                statements: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM statement WHERE learner_id = ?", arguments: [learnerID]) ?? 0,
                records: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM record WHERE learner_id = ?", arguments: [learnerID]) ?? 0,
                quarantined: quarantined, profile: true, enrolled: false)
        }
        let row = try Row.fetchOne(db, sql: """
            SELECT \(PendingStatementCount.expression) AS statements, \(Self.pendingRecordCount) AS records,
              COALESCE(p.announced, 0) AS announced
            FROM learner l LEFT JOIN sync_partition p ON p.learner_id = l.id WHERE l.id = ?
            """, arguments: [learnerID])
        return UnsyncedCounts(statements: row?["statements"] ?? 0, records: row?["records"] ?? 0, quarantined: quarantined,
                              profile: !(row?["announced"] ?? false), enrolled: true)
    }
}

/// What ``WalletStore/forgetLearner(id:force:nowMs:)`` removed, what of it the repository lacked, and
/// the sessions that ended with it (walletd drops their opened holder keys).
///
/// ```swift
/// let outcome = try store.forgetLearner(id: ana.id, force: true)
/// outcome?.lost.statements   // statements that never reached the repository, now gone
/// ```
public struct ForgetOutcome: Sendable, Equatable {
    public var removed: ForgetCounts
    public var lost: UnsyncedCounts
    public var sessionTokenHashes: [String]
}

/// The repository lacks some of the learner's data; nothing was removed.
///
/// ```swift
/// catch let refused as ForgetRefused { print(refused.unsynced.refusal(learnerName: "Ana")) }
/// ```
public struct ForgetRefused: Error, Sendable, Equatable {
    public var unsynced: UnsyncedCounts
}
