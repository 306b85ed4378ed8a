import PostgresNIO
import SyncEngine

extension PostgresRepositoryStore {
    /// The answer given the first time, when this batch was applied before; counted as a replay.
    /// The learner's lock is held, so the same batch sent to two instances at once is applied once.
    func answerReplayedBatch(_ batch: String, device: String, tx: PostgresTransaction) async throws -> PushResponse? {
        guard let logged = try await tx.optional("SELECT response_json FROM hub_batch_log WHERE device = \(device) AND batch = \(batch)", as: String.self),
              var earlier = try? PushResponse(body: Array(logged.utf8))
        else { return nil }
        earlier.replayed = true
        try await tx.execute("INSERT INTO hub_push_count (replayed) VALUES (1)")
        return earlier
    }

    /// Counts the push (a row of its own: no row every push would wait on) and logs its answer
    /// under the device and batch id.
    func rememberBatch(_ request: PushRequest, device: String, response: PushResponse, in push: PostgresPushTransaction) async throws {
        try await push.tx.execute("""
            INSERT INTO hub_push_count (received, duplicate, batches) VALUES (\(request.statements.count), \(response.duplicates), 1)
            """)
        try await push.tx.execute("""
            INSERT INTO hub_batch_log (device, batch, response_json, created_ms, learner_id)
            VALUES (\(device), \(request.batch), \(response.json.encodedString), \(push.nowMs), \(request.learner.id))
            ON CONFLICT (device, batch) DO UPDATE SET response_json = excluded.response_json, created_ms = excluded.created_ms,
                                                      learner_id = excluded.learner_id
            """)
    }
}
