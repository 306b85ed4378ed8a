import SecurityPrimitives
import SQLiteStorage
import Credentials
import GRDB

/// The right to erasure at the repository (docs/REPOSITORY.md, "Erasure"): one transaction
/// removes every row of the learner and revokes their credentials, then VACUUM rewrites the
/// file and a TRUNCATE checkpoint empties the write-ahead log, whose frames held the rows.
///
/// ```swift
/// let erased = try store.eraseLearner(id: learnerID, nowMs: SQLiteRepositoryStore.systemNowMs())
/// ```
extension SQLiteRepositoryStore {
    public func eraseLearner(id learnerID: String, nowMs: Int64) throws -> LearnerErasure? {
        guard var erasure = try pool.write({ db in try Self.erase(learnerID, nowMs: nowMs, db: db) }) else { return nil }
        erasure.compacted = try compact()
        return erasure
    }

    static func erase(_ learnerID: String, nowMs: Int64, db: Database) throws -> LearnerErasure? {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM learner WHERE id = ?)", arguments: [learnerID]) == true else { return nil }
        var erasure = LearnerErasure(learner: learnerID)
        func delete(_ table: String) throws -> Int {
            try db.execute(sql: "DELETE FROM \(table) WHERE learner_id = ?", arguments: [learnerID])
            return db.changesCount
        }
        erasure.statements = try delete("hub_statement")
        erasure.statementConflicts = try delete("hub_statement_conflict")
        erasure.records = try delete("hub_record")
        erasure.recordVersions = try delete("hub_record_history")
        erasure.deviceLinks = try delete("device_learner")
        erasure.batchLogEntries = try delete("hub_batch_log")
        erasure.revokedCredentials = try revokeErased(learnerID, db: db)
        try db.execute(sql: "DELETE FROM learner WHERE id = ?", arguments: [learnerID])
        try db.execute(sql: "DELETE FROM learner_reset_code WHERE learner_id = ?", arguments: [learnerID])
        try db.execute(sql: "DELETE FROM learner_former_did WHERE learner_id = ?", arguments: [learnerID])
        try db.execute(sql: "INSERT OR IGNORE INTO erased_learner (id_hash, erased_ms) VALUES (?, ?)", arguments: [sha256Hex(learnerID), nowMs])
        // The audit log is not erased (append-only): its entries name the learner only by the
        // SHA-256 of their id, like erased_learner, and never hold their name or data.
        try AuditLogTable.append([AuditEvent(.erase, learner: learnerID, detail: [
            "statements": String(erasure.statements), "records": String(erasure.records),
            "revoked_credentials": String(erasure.revokedCredentials.count),
        ])], atMs: nowMs, db: db)
        return erasure
    }

    /// Every credential issued to the learner becomes revoked and keeps only what its status-list
    /// entry needs (body, index, status) and its id: the signed document, which names the learner
    /// and their DID, and the learner id go. The bodies' lists change version, so they are signed
    /// again at their next GET.
    static func revokeErased(_ learnerID: String, db: Database) throws -> [String] {
        let rows = try Row.fetchAll(db, sql: "SELECT id, awarding_body FROM issued_credential WHERE learner_id = ? ORDER BY issued_ms, id",
                                    arguments: [learnerID])
        // The learner column stays unique per course: each row gets its own placeholder.
        try db.execute(sql: "UPDATE issued_credential SET status = ?, learner_id = 'erased:' || id, json = '', holder_did = NULL WHERE learner_id = ?",
                       arguments: [Int(CredentialStatusValue.revoked.rawValue), learnerID])
        for body in Set(rows.map { $0["awarding_body"] as String }) {
            try db.execute(sql: "INSERT INTO status_list (awarding_body) VALUES (?) ON CONFLICT (awarding_body) DO NOTHING", arguments: [body])
            try db.execute(sql: "UPDATE status_list SET version = version + 1 WHERE awarding_body = ?", arguments: [body])
        }
        return rows.map { $0["id"] }
    }

    /// VACUUM, then a TRUNCATE checkpoint. False when a reader (a pull of the running server) kept
    /// the log from being emptied within the busy timeout.
    func compact() throws -> Bool {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM")
            do {
                _ = try db.checkpoint(.truncate)
                return true
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return false
            }
        }
    }
}
