import Foundation
import GRDB
import SyncEngine

extension SQLiteRepositoryStore {
    public func addEnrolmentCode(_ code: String, label: String?, nowMs: Int64, expiresMs: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO enrolment_code (code_hash, label, created_ms, expires_ms) VALUES (?, ?, ?, ?)",
                           arguments: [Self.sha256Hex(EnrolmentCode.normalized(code)), label, nowMs, expiresMs])
        }
    }

    public func enrol(code: String, replica: ReplicaID, name: String, token: String, nowMs: Int64) throws -> EnrolledDevice? {
        try pool.write { db in
            let hash = Self.sha256Hex(EnrolmentCode.normalized(code))
            guard let row = try Row.fetchOne(db, sql: "SELECT expires_ms, used_by FROM enrolment_code WHERE code_hash = ?", arguments: [hash]),
                  (row["used_by"] as String?) == nil, (row["expires_ms"] as Int64) > nowMs
            else { return nil }
            let device = EnrolledDevice(id: UUID().uuidString.lowercased(), replica: replica, name: name)
            try db.execute(sql: "UPDATE enrolment_code SET used_by = ? WHERE code_hash = ?", arguments: [device.id, hash])
            try db.execute(sql: "INSERT INTO device (id, replica, name, token_hash, registered_ms) VALUES (?, ?, ?, ?, ?)",
                           arguments: [device.id, replica.rawValue, name, Self.sha256Hex(token), nowMs])
            // A PC enrolled again (same replica, new code from the admin) keeps its learners.
            try db.execute(sql: """
                INSERT OR IGNORE INTO device_learner (device, learner_id)
                SELECT ?, learner_id FROM device_learner WHERE device IN (SELECT id FROM device WHERE replica = ? AND id != ?)
                """, arguments: [device.id, replica.rawValue, device.id])
            return device
        }
    }

    public func authenticate(token: String) throws -> EnrolledDevice? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, replica, name FROM device WHERE token_hash = ?"),
                                             arguments: [Self.sha256Hex(token)]),
                  let replica = ReplicaID(validating: row["replica"])
            else { return nil }
            return EnrolledDevice(id: row["id"], replica: replica, name: row["name"])
        }
    }
}
