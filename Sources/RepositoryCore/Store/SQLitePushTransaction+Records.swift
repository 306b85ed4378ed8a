import GRDB
import SyncEngine

extension SQLitePushTransaction {
    /// The one way a version of a learner's record enters the hub, whether a PC pushed it or the
    /// repository issued it: the version is kept in the history as it arrived (siblings and all;
    /// the newest `keptRecordVersions` of each record),
    /// merged into the current state, and when the merge changed that state it is stored with the
    /// next change sequence number, so pulls bring it. True when the record changed.
    ///
    /// Statements are cached: a batch may carry 1,000 records, three statements each.
    @discardableResult
    func appendRecord(_ arriving: RegisterState, key: String, learnerID: String, origin: Int64) throws -> Bool {
        try db.cachedStatement(sql: "INSERT INTO hub_record_history (learner_id, key, state_json, origin, received_ms) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [learnerID, key, arriving.json.encodedString, origin, nowMs])
        if keptRecordVersions > 0 {
            // Only this record's versions: the index on (learner_id, key) bounds it to N + 1 rows.
            try db.cachedStatement(sql: """
                DELETE FROM hub_record_history WHERE rowid IN
                  (SELECT rowid FROM hub_record_history WHERE learner_id = ? AND key = ? ORDER BY rowid DESC LIMIT -1 OFFSET ?)
                """).execute(arguments: [learnerID, key, keptRecordVersions])
        }
        let current = try String.fetchOne(db.cachedStatement(sql: "SELECT state_json FROM hub_record WHERE learner_id = ? AND key = ?"),
                                          arguments: [learnerID, key]).map(SQLiteRepositoryStore.state) ?? RegisterState()
        let merged = current.merged(with: arriving)
        guard merged != current else { return false }
        // Stored beyond the cap, the state could no longer be read back: every pull of the
        // learner would fail. The whole push is refused instead, and the PC keeps its write.
        guard merged.siblings.count <= RegisterState.maxSiblings else { throw SyncHubError.tooManySiblings(key) }
        try db.cachedStatement(sql: """
            INSERT INTO hub_record (learner_id, key, state_json, hub_seq) VALUES (?, ?, ?, ?)
            ON CONFLICT (learner_id, key) DO UPDATE SET state_json = excluded.state_json, hub_seq = excluded.hub_seq
            """).execute(arguments: [learnerID, key, merged.json.encodedString, nextSequence()])
        return true
    }
}
