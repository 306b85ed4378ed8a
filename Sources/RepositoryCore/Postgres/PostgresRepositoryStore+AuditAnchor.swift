import PostgresNIO
import SecurityPrimitives
import SyncEngine

/// The anchors of the PCs' audit logs in PostgreSQL, by the SQLite store's rules
/// (`SQLiteRepositoryStore+AuditAnchor`, which explains them). A device's anchor is read and
/// moved under a lock of its own, so two instances answering the same PC at once compare it
/// with the anchor the other one just left, never with an older one.
///
/// ```swift
/// let kept = try await store.auditAnchor(device: device.id)
/// let answer = try await store.anchorAudit(AuditAnchorRequest(head: head, since: mine), device: device.id, nowMs: now)
/// ```
extension PostgresRepositoryStore {
    public func auditAnchor(device: String) async throws -> AuditAnchor? {
        try await database.read { tx in try await Self.auditAnchor(device: device, tx: tx) }
    }

    public func anchorAudit(_ request: AuditAnchorRequest, device: String, nowMs: Int64) async throws -> AuditAnchorResponse {
        try await database.transaction { tx in
            // Before the audit chain's tail, which the broken anchor's entry takes.
            try await tx.lock("audit-anchor:" + device)
            let kept = try await Self.auditAnchor(device: device, tx: tx)
            let broken = kept.map { !SQLiteRepositoryStore.holds($0, since: request.since, head: request.head) } ?? false
            if broken, let kept {
                try await PostgresAuditLog.append([AuditEvent(.auditAnchorBroken, device: device, detail: [
                    "anchored_seq": String(kept.seq), "shown_seq": request.since.map { String($0.seq) } ?? "",
                    "head_seq": String(request.head.seq),
                ])], atMs: nowMs, tx: tx)
            }
            try await tx.execute("""
                INSERT INTO device_audit_anchor (device, seq, hash, at_ms) VALUES (\(device), \(request.head.seq), \(request.head.hash), \(nowMs))
                ON CONFLICT (device) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at_ms = excluded.at_ms
                """)
            return AuditAnchorResponse(anchor: AuditAnchor(seq: request.head.seq, hash: request.head.hash, atMs: nowMs), broken: broken)
        }
    }

    static func auditAnchor(device: String, tx: PostgresTransaction) async throws -> AuditAnchor? {
        guard let row = try await tx.optional("SELECT seq, hash, at_ms FROM device_audit_anchor WHERE device = \(device)", as: (Int64, String, Int64).self)
        else { return nil }
        return AuditAnchor(seq: row.0, hash: row.1, atMs: row.2)
    }
}
