import Foundation
import GRDB
import SecurityPrimitives

/// The `audit_log` table both stores keep: its schema with the triggers that make it
/// append-only, the one way to add entries (inside the caller's transaction, so an event and its
/// line commit together or not at all), and reading it back.
///
/// There is no update or delete here, and SQLite refuses both (`RAISE(ABORT)` triggers), so
/// neither a bug nor a forget or erase can rewrite the log. Nothing prunes it either: an entry is
/// about 200 bytes, so a million events are some 200 MB; export and pruning are future work.
///
/// ```swift
/// migrator.registerMigration("v10-audit-log") { db in try db.execute(sql: AuditLogTable.schema) }
/// try pool.write { db in
///     try db.execute(sql: "DELETE FROM session WHERE …")
///     try AuditLogTable.append([AuditEvent(.logout, learner: id)], atMs: now, db: db)
/// }
/// let (entries, broken) = try pool.read { db in try AuditLogTable.verified(db: db) }
/// ```
public enum AuditLogTable {
    public static let schema = """
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at_ms INTEGER NOT NULL,
            kind TEXT NOT NULL,
            learner_hash TEXT,
            device_id TEXT,
            detail TEXT NOT NULL,
            hash BLOB NOT NULL
        );
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """

    /// Appends `events` after the newest entry, chained to it. Call inside a write transaction:
    /// the read of the last hash and the inserts then cannot interleave with another writer.
    public static func append(_ events: [AuditEvent], atMs: Int64, db: Database) throws {
        guard !events.isEmpty else { return }
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        var seq: Int64 = last?["seq"] ?? 0
        var previous: Data = last?["hash"] ?? AuditChain.genesis
        for event in events {
            seq += 1
            let hash = AuditChain.hash(previous: previous, seq: seq, atMs: atMs, event: event)
            try db.execute(sql: "INSERT INTO audit_log (seq, at_ms, kind, learner_hash, device_id, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [seq, atMs, event.kind.rawValue, event.learner, event.device, event.detail, hash])
            previous = hash
        }
    }

    /// Every entry, oldest first.
    public static func entries(db: Database) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM audit_log ORDER BY seq").map(entry(from:))
    }

    /// At most `limit` entries after entry `after` (0: from the first), oldest first, checked
    /// against the chain from entry `after`'s hash, and whether more follow. Its cost is the page's:
    /// the rows are a range of the primary key. An `after` naming no entry (removed, or never
    /// there) cannot be checked from: the page's first entry is then the broken one.
    ///
    /// ```swift
    /// let page = try AuditLogTable.page(after: 0, limit: 100, db: db)
    /// if page.more, let last = page.entries.last { _ = try AuditLogTable.page(after: last.seq, limit: 100, db: db) }
    /// ```
    public static func page(after: Int64, limit: Int, db: Database) throws -> (entries: [AuditEntry], firstBroken: Int64?, more: Bool) {
        var entries = try Row.fetchAll(db, sql: "SELECT \(columns) FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                                       arguments: [after, limit + 1]).map(entry(from:))
        let more = entries.count > limit
        if more { entries.removeLast() }
        var previous: Data? = AuditChain.genesis
        if after > 0 {
            previous = try Data.fetchOne(db, sql: "SELECT hash FROM audit_log WHERE seq = ?", arguments: [after])
        }
        guard let previous else { return (entries, entries.first?.seq, more) }
        return (entries, AuditChain.firstBroken(entries, previous: previous, nextSeq: after + 1), more)
    }

    static let columns = "seq, at_ms, kind, learner_hash, device_id, detail, hash"

    static func entry(from row: Row) -> AuditEntry {
        // Optional reads with fallbacks: a tampered row (a NULL where the schema forbids one)
        // must show up as a broken chain, not crash the reader.
        AuditEntry(seq: row["seq"] ?? 0, atMs: row["at_ms"] ?? 0, kind: row["kind"] ?? "", learner: row["learner_hash"],
                   device: row["device_id"], detail: row["detail"] ?? "", hash: row["hash"] ?? Data())
    }

    /// Every entry with the seq of the first one that breaks the chain (nil: it holds).
    public static func verified(db: Database) throws -> (entries: [AuditEntry], firstBroken: Int64?) {
        let all = try entries(db: db)
        return (all, AuditChain.firstBroken(all))
    }
}
