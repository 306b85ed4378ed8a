import Basics
import GRDB
import WalletAPI
import SyncEngine

/// Items the repository refused on their own: kept in the `sync_quarantine` table (never deleted
/// from the wallet), left out of later pushes, shown in `GET /v1/sync`, and tried again when
/// walletd's version changes (a new walletd may send them differently, and the repository may
/// have changed meanwhile) or when someone asks (`POST /v1/sync?retryQuarantined=true`).
///
/// ```swift
/// try sync.releaseQuarantine(unlessVersion: WalletVersion.string)   // at each run
/// let held = try sync.quarantinedItems()                           // for GET /v1/sync
/// ```
extension WalletSyncStore {
    /// SQL conditions (for `NOT EXISTS`) matching a quarantined statement `s` or record `r`.
    static let quarantinedStatement = "SELECT 1 FROM sync_quarantine q WHERE q.learner_id = s.learner_id AND q.kind = 'statement' AND q.item = s.id"
    static let quarantinedRecord = "SELECT 1 FROM sync_quarantine q WHERE q.learner_id = r.learner_id AND q.kind = 'record' AND q.item = r.key AND q.state_json = r.state_json"

    public func quarantine(_ entry: QuarantineEntry) throws {
        var seq: Int64?
        var state: String?
        switch entry.item {
        case .statement(_, let localSeq): seq = localSeq
        case .record(let record): state = record.state.json.encodedString
        }
        let now = nowMs()
        try store.writeNow { db in
            try db.execute(sql: """
                INSERT INTO sync_quarantine (learner_id, kind, item, seq, state_json, code, reason, quarantined_ms, walletd_version)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM learner WHERE id = ?)
                ON CONFLICT (learner_id, kind, item) DO UPDATE SET seq = excluded.seq, state_json = excluded.state_json, code = excluded.code,
                  reason = excluded.reason, quarantined_ms = excluded.quarantined_ms, walletd_version = excluded.walletd_version
                """, arguments: [entry.learner, entry.kind, entry.key, seq, state, entry.code.rawValue, String(entry.reason.prefix(2_000)), now,
                                 WalletVersion.string, entry.learner])
        }
    }

    /// Every quarantined item, oldest first; with `learner`, only theirs (a range of the primary
    /// key: one learner's status never reads the others').
    public func quarantinedItems(learner: String? = nil) throws -> [QuarantinedItem] {
        try store.readNow { db in
            try Row.fetchAll(db, sql: """
                SELECT learner_id, kind, item, code, reason, quarantined_ms FROM sync_quarantine \(learner == nil ? "" : "WHERE learner_id = ?")
                ORDER BY quarantined_ms, learner_id, item
                """, arguments: learner.map { [$0] } ?? [])
                .map { row in
                    QuarantinedItem(learner: row["learner_id"], kind: row["kind"], item: row["item"], code: row["code"], reason: row["reason"],
                                    since: Timestamp.format(millisecondsSince1970: row["quarantined_ms"]))
                }
        }
    }

    /// How many items are quarantined, every learner's.
    public func quarantinedCount() throws -> Int {
        try store.readNow { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sync_quarantine") ?? 0 }
    }

    /// Releases every quarantined item kept by another walletd version (every item when
    /// `version` is nil), so the next push tries it again; returns how many. A statement's
    /// learner has their push checkpoint moved back to just before it: the statements between
    /// are sent again, which changes nothing on the repository.
    @discardableResult
    public func releaseQuarantine(unlessVersion version: String?) throws -> Int {
        try store.writeNow { db in
            let filter = version == nil ? "" : "WHERE walletd_version <> ?"
            let arguments: StatementArguments = version.map { [$0] } ?? []
            try db.execute(sql: """
                UPDATE sync_partition SET pushed_seq = min(pushed_seq, (
                  SELECT min(q.seq) - 1 FROM sync_quarantine q WHERE q.learner_id = sync_partition.learner_id AND q.kind = 'statement'
                  AND q.seq IS NOT NULL \(version == nil ? "" : "AND q.walletd_version <> ?")))
                WHERE EXISTS (SELECT 1 FROM sync_quarantine q WHERE q.learner_id = sync_partition.learner_id AND q.kind = 'statement'
                  AND q.seq IS NOT NULL \(version == nil ? "" : "AND q.walletd_version <> ?"))
                """, arguments: version.map { [$0, $0] } ?? [])
            try db.execute(sql: "DELETE FROM sync_quarantine \(filter)", arguments: arguments)
            return db.changesCount
        }
    }
}
