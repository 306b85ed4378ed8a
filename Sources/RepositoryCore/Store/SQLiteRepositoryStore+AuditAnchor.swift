import GRDB
import SecurityPrimitives
import SQLiteStorage
import SyncEngine

/// The anchors of the PCs' audit logs. A PC's log is hash-chained, but anyone with its disk can
/// cut entries off the end or rewrite the chain from some entry on and recompute every hash. The
/// newest head the PC reported is kept here, out of that person's reach; at its next sync the PC
/// shows what its log now holds at that number. A mismatch is written to this repository's own
/// log (`audit_anchor_broken`) and the PC is anchored again at its new head, so later entries are
/// covered again.
///
/// ```swift
/// let kept = try store.auditAnchor(device: device.id)
/// let answer = try store.anchorAudit(AuditAnchorRequest(head: head, since: mine), device: device.id, nowMs: now)
/// ```
extension SQLiteRepositoryStore {
    public func auditAnchor(device: String) throws -> AuditAnchor? {
        try pool.read { db in try Self.auditAnchor(device: device, db: db) }
    }

    public func anchorAudit(_ request: AuditAnchorRequest, device: String, nowMs: Int64) throws -> AuditAnchorResponse {
        try pool.write { db in
            let kept = try Self.auditAnchor(device: device, db: db)
            let broken = kept.map { !Self.holds($0, since: request.since, head: request.head) } ?? false
            if broken, let kept {
                try AuditLogTable.append([AuditEvent(.auditAnchorBroken, device: device, detail: [
                    "anchored_seq": String(kept.seq), "shown_seq": request.since.map { String($0.seq) } ?? "",
                    "head_seq": String(request.head.seq),
                ])], atMs: nowMs, db: db)
            }
            try db.execute(sql: """
                INSERT INTO device_audit_anchor (device, seq, hash, at_ms) VALUES (?, ?, ?, ?)
                ON CONFLICT (device) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at_ms = excluded.at_ms
                """, arguments: [device, request.head.seq, request.head.hash, nowMs])
            return AuditAnchorResponse(anchor: AuditAnchor(seq: request.head.seq, hash: request.head.hash, atMs: nowMs), broken: broken)
        }
    }

    /// The PC still holds the anchored entry (same number, same hash) and its head is not behind it.
    static func holds(_ kept: AuditAnchor, since: AuditAnchor?, head: AuditAnchor) -> Bool {
        guard let since else { return false }
        return since.seq == kept.seq && since.hash == kept.hash && head.seq >= kept.seq
    }

    static func auditAnchor(device: String, db: Database) throws -> AuditAnchor? {
        try Row.fetchOne(db, sql: "SELECT seq, hash, at_ms FROM device_audit_anchor WHERE device = ?", arguments: [device]).map {
            AuditAnchor(seq: $0["seq"], hash: $0["hash"], atMs: $0["at_ms"])
        }
    }
}
