import Foundation
import PostgresNIO
import SecurityPrimitives

/// The repository's append-only, hash-chained audit log in PostgreSQL (`AuditChain`'s rules, as
/// `AuditLogTable` keeps them in SQLite). Appending takes the chain's tail lock, so entries from
/// several instances form one chain; triggers refuse UPDATE, DELETE and TRUNCATE.
///
/// ```swift
/// try await PostgresAuditLog.append([AuditEvent(.enrolmentCode, detail: ["label": "room 4"])], atMs: now, tx: tx)
/// ```
enum PostgresAuditLog {
    static func append(_ events: [AuditEvent], atMs: Int64, tx: PostgresTransaction) async throws {
        guard !events.isEmpty else { return }
        try await tx.lock("audit")
        let last = try await tx.optional("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", as: (Int64, Data).self)
        var seq = last?.0 ?? 0
        var previous = last?.1 ?? AuditChain.genesis
        for event in events {
            seq += 1
            let hash = AuditChain.hash(previous: previous, seq: seq, atMs: atMs, event: event)
            try await tx.execute("""
                INSERT INTO audit_log (seq, at_ms, kind, learner_hash, device_id, detail, hash)
                VALUES (\(seq), \(atMs), \(event.kind.rawValue), \(event.learner), \(event.device), \(event.detail), \(hash))
                """)
            previous = hash
        }
    }

    static func verified(tx: PostgresTransaction) async throws -> (entries: [AuditEntry], firstBroken: Int64?) {
        let rows = try await tx.all("SELECT seq, at_ms, kind, learner_hash, device_id, detail, hash FROM audit_log ORDER BY seq",
                                    as: (Int64, Int64, String, String?, String?, String, Data).self)
        let entries = rows.map { AuditEntry(seq: $0.0, atMs: $0.1, kind: $0.2, learner: $0.3, device: $0.4, detail: $0.5, hash: $0.6) }
        return (entries, AuditChain.firstBroken(entries))
    }
}

extension PostgresRepositoryStore {
    public func appendAudit(_ events: [AuditEvent], nowMs: Int64) async throws {
        try await database.transaction { tx in try await PostgresAuditLog.append(events, atMs: nowMs, tx: tx) }
    }

    public func auditLog() async throws -> (entries: [AuditEntry], firstBroken: Int64?) {
        try await database.read { tx in try await PostgresAuditLog.verified(tx: tx) }
    }
}
