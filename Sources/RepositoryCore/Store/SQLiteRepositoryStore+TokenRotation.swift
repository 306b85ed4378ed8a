import SecurityPrimitives
import SQLiteStorage
import Foundation
import GRDB
import SyncEngine

/// A PC replaces its device token on demand (`wallet-cli device rotate-token` →
/// `POST /sync/v1/devices/token`). Like an enrolment, the PC proposes the new token and keeps it
/// until the answer comes, so a lost answer is safe: the same request again — the replaced token,
/// the same proposal — is recognised and answered as done. The replaced token authenticates
/// nothing else: every other route gets 401 for it.
extension SQLiteRepositoryStore {
    public func rotateDeviceToken(presented: String, proposed: String, nowMs: Int64) throws -> TokenRotation {
        let old = Self.sha256Hex(presented), new = Self.sha256Hex(proposed)
        guard old != new else { return .unknown }
        return try pool.write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT id, replica, name, revoked_ms FROM device WHERE token_hash = ?", arguments: [old]),
               let replica = ReplicaID(validating: row["replica"]) {
                guard (row["revoked_ms"] as Int64?) == nil else { return .revoked }
                // A token is some device's only; a proposal that is taken is refused like a stranger.
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM device WHERE token_hash = ? OR previous_token_hash = ?)",
                                        arguments: [new, new]) == false else { return .unknown }
                let device = EnrolledDevice(id: row["id"], replica: replica, name: row["name"])
                try db.execute(sql: "UPDATE device SET token_hash = ?, previous_token_hash = ?, token_ms = ? WHERE id = ?",
                               arguments: [new, old, nowMs, device.id])
                try AuditLogTable.append([AuditEvent(.deviceTokenRotate, device: device.id)], atMs: nowMs, db: db)
                return .rotated(device)
            }
            if let row = try Row.fetchOne(db, sql: """
                SELECT id, replica, name, revoked_ms FROM device WHERE previous_token_hash = ? AND token_hash = ?
                """, arguments: [old, new]), let replica = ReplicaID(validating: row["replica"]) {
                guard (row["revoked_ms"] as Int64?) == nil else { return .revoked }
                return .repeated(EnrolledDevice(id: row["id"], replica: replica, name: row["name"]))
            }
            return .unknown
        }
    }
}
