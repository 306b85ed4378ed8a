import GRDB
import SyncEngine

extension SQLiteRepositoryStore {
    /// The answer given the first time, when this batch was applied before (the device lost the
    /// answer and sent it again); it is counted as a replay and nothing else changes. Nil for a
    /// new batch.
    static func answerReplayedBatch(_ batch: String, device: String, db: Database) throws -> PushResponse? {
        guard let logged = try String.fetchOne(db, sql: "SELECT response_json FROM hub_batch_log WHERE device = ? AND batch = ?",
                                               arguments: [device, batch]),
              var earlier = try? PushResponse(body: Array(logged.utf8))
        else { return nil }
        earlier.replayed = true
        try db.execute(sql: "UPDATE hub_meta SET batches_replayed = batches_replayed + 1")
        return earlier
    }

    /// Saves the change sequence the push advanced and its counters, and logs the answer under
    /// the device and batch id, so that the same batch sent again is answered without being
    /// applied again. The log is pruned after `RepositoryRetention.batchLogDays`; a batch resent
    /// later than that is applied again, which changes nothing (every step is idempotent).
    static func rememberBatch(_ request: PushRequest, device: String, response: PushResponse, in transaction: SQLitePushTransaction) throws {
        let db = transaction.db
        try db.execute(sql: """
            UPDATE hub_meta SET change_seq = ?, statements_received = statements_received + ?, statements_duplicate = statements_duplicate + ?,
              statements_conflict = statements_conflict + ?, batches = batches + 1
            """, arguments: [transaction.changeSeq, request.statements.count, response.duplicates, response.conflicts.count])
        try db.execute(sql: "INSERT OR REPLACE INTO hub_batch_log (device, batch, response_json, created_ms, learner_id) VALUES (?, ?, ?, ?, ?)",
                       arguments: [device, request.batch, response.json.encodedString, transaction.nowMs, request.learner.id])
    }
}
