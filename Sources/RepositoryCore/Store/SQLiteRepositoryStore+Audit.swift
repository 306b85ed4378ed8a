import GRDB
import SecurityPrimitives
import SQLiteStorage

/// The repository's audit log (`repositoryd audit`): events with a write of their own append
/// inside it (enrolment, revocation, issuance, erasure, a fetch's link); these two are the rest.
///
/// ```swift
/// try store.appendAudit([AuditEvent(.pinWrong, learner: id, device: device)], nowMs: now)
/// let (entries, broken) = try store.auditLog()
/// ```
extension SQLiteRepositoryStore {
    public func appendAudit(_ events: [AuditEvent], nowMs: Int64) throws {
        try pool.write { db in try AuditLogTable.append(events, atMs: nowMs, db: db) }
    }

    public func auditLog() throws -> (entries: [AuditEntry], firstBroken: Int64?) {
        try pool.read { db in try AuditLogTable.verified(db: db) }
    }
}
