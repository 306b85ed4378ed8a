import PostgresNIO
import SyncEngine

extension PostgresRepositoryStore {
    /// Every pushed record version is kept in the history and merged into the learner's record
    /// (`SQLitePushTransaction.appendRecord`), read and written a batch at a time.
    func mergeRecords(_ records: [WireRecord], learnerID: String, origin: Int64, in push: PostgresPushTransaction) async throws {
        guard !records.isEmpty else { return }
        try await appendRecords(records.map { ($0.key, $0.state) }, learnerID: learnerID, origin: origin, in: push)
    }

    /// The one way versions of a learner's records enter the hub, pushed or issued here: kept in
    /// the history as they arrived, merged into the current state, and each record whose state
    /// changed stored with a new change number.
    func appendRecords(_ arriving: [(key: String, state: RegisterState)], learnerID: String, origin: Int64,
                       in push: PostgresPushTransaction) async throws {
        let tx = push.tx
        let keys = arriving.map(\.key)
        try await tx.execute("""
            INSERT INTO hub_record_history (learner_id, key, state_json, origin, received_ms)
            SELECT \(learnerID), u.key, u.state, \(origin), \(push.nowMs)
            FROM unnest(\(keys)::text[], \(arriving.map { $0.state.json.encodedString })::text[]) WITH ORDINALITY AS u(key, state, n)
            ORDER BY u.n
            """)
        let distinctKeys = Array(Set(keys))
        if push.keptRecordVersions > 0 {
            try await tx.execute("""
                DELETE FROM hub_record_history WHERE id IN (
                  SELECT id FROM (
                    SELECT id, row_number() OVER (PARTITION BY key ORDER BY id DESC) AS newer
                    FROM hub_record_history WHERE learner_id = \(learnerID) AND key = ANY(\(distinctKeys))
                  ) ranked WHERE newer > \(push.keptRecordVersions))
                """)
        }
        var current: [String: RegisterState] = [:]
        for (key, json) in try await tx.all("""
            SELECT key, state_json FROM hub_record WHERE learner_id = \(learnerID) AND key = ANY(\(distinctKeys))
            """, as: (String, String).self) {
            current[key] = try Self.state(json)
        }
        // Each version that changes the state takes the next number, as in the SQLite store; a
        // record changed twice in one batch is stored once, with its last change's number.
        var lastChange: [String: Int] = [:]
        var order: [String] = []
        var changes = 0
        for (key, state) in arriving {
            let before = current[key] ?? RegisterState()
            let merged = before.merged(with: state)
            guard merged != before else { continue }
            // Stored beyond the cap, the state could no longer be read back: the whole push is refused.
            guard merged.siblings.count <= RegisterState.maxSiblings else { throw SyncHubError.tooManySiblings(key) }
            if lastChange[key] == nil { order.append(key) }
            lastChange[key] = changes
            changes += 1
            current[key] = merged
        }
        guard changes > 0 else { return }
        let numbers = try await tx.all("SELECT nextval('hub_change_seq') FROM generate_series(1, \(changes)) ORDER BY 1", as: Int64.self)
        guard numbers.count == changes else { throw RepositoryStoreError.corrupt("the change sequence gave \(numbers.count) numbers for \(changes)") }
        for seq in numbers { push.took(seq) }
        let states = order.map { current[$0]?.json.encodedString ?? "" }
        let seqs = order.map { numbers[lastChange[$0] ?? 0] }
        try await tx.execute("""
            INSERT INTO hub_record (learner_id, key, state_json, hub_seq)
            SELECT \(learnerID), u.key, u.state, u.seq
            FROM unnest(\(order)::text[], \(states)::text[], \(seqs)::bigint[]) AS u(key, state, seq)
            ON CONFLICT (learner_id, key) DO UPDATE SET state_json = excluded.state_json, hub_seq = excluded.hub_seq
            """)
    }
}
