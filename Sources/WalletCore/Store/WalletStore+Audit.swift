import Foundation
import GRDB
import SecurityPrimitives
import SQLiteStorage

extension WalletStore {
    /// Appends events that have no write of their own to ride with (a wrong PIN, an export, an
    /// attestation) in one transaction of their own. Events with a write of their own (login,
    /// forget, enrolment) are appended inside that write's transaction instead.
    ///
    /// ```swift
    /// try store.appendAudit([AuditEvent(.export, learner: id, detail: ["credentials": "2"])], nowMs: now)
    /// ```
    public func appendAudit(_ events: [AuditEvent], nowMs: Int64) throws {
        try writeNow { db in try AuditLogTable.append(events, atMs: nowMs, db: db) }
    }

    /// The whole audit log, oldest first, with the seq of the first entry that breaks the chain.
    public func auditLog() throws -> (entries: [AuditEntry], firstBroken: Int64?) {
        try readNow { db in try AuditLogTable.verified(db: db) }
    }
}
