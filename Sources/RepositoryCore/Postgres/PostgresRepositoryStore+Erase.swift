import Credentials
import PostgresNIO
import SecurityPrimitives

/// The right to erasure in PostgreSQL (docs/REPOSITORY.md, "Erasure"): one transaction, under the
/// learner's lock, removes every row of the learner and revokes their credentials, by the SQLite
/// store's steps (`SQLiteRepositoryStore.erase`). Then a plain VACUUM of the tables it touched
/// removes the deleted rows' versions from the tables' pages.
///
/// What PostgreSQL cannot promise, unlike SQLite's VACUUM and truncated log: a plain VACUUM marks
/// the space free but does not overwrite it, so the bytes stay in the data files' free space
/// until new rows reuse it; the write-ahead log keeps them until its segments are recycled, and
/// archived WAL, base backups and dumps until they rotate out. `VACUUM FULL` would rewrite the
/// tables, but it locks each one exclusively (every instance's pushes and pulls wait) for as long
/// as copying it takes, so it is left to the operator's maintenance window. `compacted` is
/// therefore always false here.
///
/// ```swift
/// let erased = try await store.eraseLearner(id: learnerID, nowMs: SQLiteRepositoryStore.systemNowMs())
/// ```
extension PostgresRepositoryStore {
    public func eraseLearner(id learnerID: String, nowMs: Int64) async throws -> LearnerErasure? {
        guard let erasure = try await database.transaction({ tx in try await Self.erase(learnerID, nowMs: nowMs, tx: tx) }) else { return nil }
        do {
            _ = try await database.read { tx in try await tx.execute(PostgresQuery(unsafeSQL: "VACUUM " + Self.erasedTables.joined(separator: ", "))) }
        } catch {
            // The erasure itself is committed; a VACUUM refused (not the tables' owner) only
            // leaves the dead rows to autovacuum.
            database.logger.warning("VACUUM after an erasure failed; autovacuum removes the rows later",
                                    metadata: ["error": "\(String(reflecting: error))"])
        }
        return erasure
    }

    /// The tables an erasure deletes from or rewrites rows of.
    static let erasedTables = ["hub_statement", "hub_statement_conflict", "hub_record", "hub_record_history", "device_learner", "hub_batch_log",
                               "issued_credential", "learner", "learner_reset_code", "learner_former_did"]

    static func erase(_ learnerID: String, nowMs: Int64, tx: PostgresTransaction) async throws -> LearnerErasure? {
        // A push of this learner (on any instance) waits, or went first and is erased with the rest.
        try await tx.lock("learner:" + learnerID)
        guard try await tx.exists("SELECT EXISTS (SELECT 1 FROM learner WHERE id = \(learnerID))") else { return nil }
        var erasure = LearnerErasure(learner: learnerID)
        func delete(_ table: String) async throws -> Int {
            var binds = PostgresBindings()
            binds.append(learnerID)
            return try await tx.changes(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE learner_id = $1", binds: binds))
        }
        erasure.statements = try await delete("hub_statement")
        erasure.statementConflicts = try await delete("hub_statement_conflict")
        erasure.records = try await delete("hub_record")
        erasure.recordVersions = try await delete("hub_record_history")
        erasure.deviceLinks = try await delete("device_learner")
        erasure.batchLogEntries = try await delete("hub_batch_log")
        erasure.revokedCredentials = try await revokeErased(learnerID, tx: tx)
        _ = try await delete("learner_reset_code")
        _ = try await delete("learner_former_did")
        try await tx.execute("DELETE FROM learner WHERE id = \(learnerID)")
        try await tx.execute("""
            INSERT INTO erased_learner (id_hash, erased_ms) VALUES (\(SessionToken.sha256Hex(learnerID)), \(nowMs)) ON CONFLICT DO NOTHING
            """)
        // The audit log is not erased (append-only): its entries name the learner only by the
        // SHA-256 of their id, like erased_learner, and never hold their name or data.
        try await PostgresAuditLog.append([AuditEvent(.erase, learner: learnerID, detail: [
            "statements": String(erasure.statements), "records": String(erasure.records),
            "revoked_credentials": String(erasure.revokedCredentials.count),
        ])], atMs: nowMs, tx: tx)
        return erasure
    }

    /// Every credential issued to the learner becomes revoked and keeps only what its status-list
    /// entry needs (body, index, status), its id, course and issue date: the signed document,
    /// the learner id and the holder DID go (docs/REPOSITORY.md says the DID goes). The bodies'
    /// lists change version, so they are signed again at their next GET.
    static func revokeErased(_ learnerID: String, tx: PostgresTransaction) async throws -> [String] {
        let rows = try await tx.all("""
            SELECT id, awarding_body FROM issued_credential WHERE learner_id = \(learnerID) ORDER BY issued_ms, id COLLATE "C"
            """, as: (String, String).self)
        guard !rows.isEmpty else { return [] }
        // The learner column stays unique per course: each row gets its own placeholder.
        try await tx.execute("""
            UPDATE issued_credential SET status = \(Int16(CredentialStatusValue.revoked.rawValue)), learner_id = 'erased:' || id, json = '',
                                         holder_did = NULL
            WHERE learner_id = \(learnerID)
            """)
        try await bumpStatusLists(Set(rows.map(\.1)), tx: tx)
        return rows.map(\.0)
    }
}
