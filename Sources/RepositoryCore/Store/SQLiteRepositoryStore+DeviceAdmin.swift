import SecurityPrimitives
import SQLiteStorage
import Foundation
import GRDB

/// `repositoryd device list|revoke|replace`: the admin's view of the PCs, without sqlite3 by hand.
extension SQLiteRepositoryStore {
    public func devices() throws -> [DeviceSummary] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, d.name, d.replica, d.registered_ms, d.revoked_ms, d.replaced_by, d.copied_from, d.token_ms,
                  (SELECT COUNT(*) FROM device_learner l WHERE l.device = d.id) AS learners
                FROM device d ORDER BY d.registered_ms, d.id
                """).map {
                DeviceSummary(id: $0["id"], name: $0["name"], replica: $0["replica"], registeredMs: $0["registered_ms"], revokedMs: $0["revoked_ms"],
                              replacedBy: $0["replaced_by"], copiedFrom: $0["copied_from"], learners: $0["learners"], tokenMs: $0["token_ms"])
            }
        }
    }

    /// Revokes a device by id or unique name: its token is refused from now on (403
    /// `device_revoked`); the row and its learners stay, so the PC enrolled again with a new code
    /// (walletd proves its old token) keeps its learners. Revoking twice changes nothing.
    public func revokeDevice(_ idOrName: String, nowMs: Int64) throws -> DeviceSummary {
        let id = try pool.write { db in
            let id = try Self.deviceID(idOrName, db: db)
            try db.execute(sql: "UPDATE device SET revoked_ms = COALESCE(revoked_ms, ?) WHERE id = ?", arguments: [nowMs, id])
            try AuditLogTable.append([AuditEvent(.deviceRevoke, device: id)], atMs: nowMs, db: db)
            return id
        }
        guard let summary = try devices().first(where: { $0.id == id }) else { throw DeviceLifecycleError.noSuchDevice(idOrName) }
        return summary
    }

    /// Makes a one-time code whose enrolment takes over the live device `idOrName` (its
    /// learners) and revokes it: for a PC replaced by new hardware. Returns the device's id.
    public func addReplaceCode(_ code: String, replacing idOrName: String, nowMs: Int64, expiresMs: Int64) throws -> String {
        try pool.write { db in
            let id = try Self.deviceID(idOrName, db: db)
            let revoked = try Row.fetchOne(db, sql: "SELECT revoked_ms FROM device WHERE id = ?", arguments: [id])?["revoked_ms"] as Int64?
            guard revoked == nil else {
                throw DeviceLifecycleError.alreadyRevoked(idOrName)
            }
            try db.execute(sql: "INSERT INTO enrolment_code (code_hash, label, created_ms, expires_ms, replaces) VALUES (?, ?, ?, ?, ?)",
                           arguments: [Self.sha256Hex(EnrolmentCode.normalized(code)), "replaces \(id)", nowMs, expiresMs, id])
            try AuditLogTable.append([AuditEvent(.enrolmentCode, device: id, detail: ["replaces": id, "expires_ms": String(expiresMs)])],
                                     atMs: nowMs, db: db)
            return id
        }
    }

    static func deviceID(_ idOrName: String, db: Database) throws -> String {
        if let id = try String.fetchOne(db, sql: "SELECT id FROM device WHERE id = ?", arguments: [idOrName.lowercased()]) { return id }
        let named = try String.fetchAll(db, sql: "SELECT id FROM device WHERE name = ?", arguments: [idOrName])
        guard let first = named.first else { throw DeviceLifecycleError.noSuchDevice(idOrName) }
        guard named.count == 1 else { throw DeviceLifecycleError.ambiguousDevice(idOrName) }
        return first
    }
}
