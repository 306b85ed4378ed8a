import SecurityPrimitives
import SQLiteStorage
import Foundation
import GRDB
import SyncEngine

extension SQLiteRepositoryStore {
    public func addEnrolmentCode(_ code: String, label: String?, nowMs: Int64, expiresMs: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO enrolment_code (code_hash, label, created_ms, expires_ms) VALUES (?, ?, ?, ?)",
                           arguments: [Self.sha256Hex(EnrolmentCode.normalized(code)), label, nowMs, expiresMs])
            // Never the code: only that one was made, and until when.
            try AuditLogTable.append([AuditEvent(.enrolmentCode, detail: ["label": label ?? "", "expires_ms": String(expiresMs)])],
                                     atMs: nowMs, db: db)
        }
    }

    /// Spends the code and enrols the device. Who gets which learners (issue 10):
    /// - a device whose token `previousToken` proves (live or revoked) passes its learners on; if
    ///   it has the same replica it is the same PC enrolled again, and the old device is retired;
    /// - a replace code passes on the replaced device's learners and retires it;
    /// - naming a replica alone gives nothing: replica ids are visible in records and on the
    ///   socket, so a live device's replica is refused (`replicaInUse`) unless one of the above
    ///   covers that device.
    /// A refused enrolment leaves the code unspent.
    public func enrol(code: String, replica: ReplicaID, name: String, token: String, previousToken: String?, nowMs: Int64) throws -> EnrolledDevice? {
        try pool.write { db in
            let hash = Self.sha256Hex(EnrolmentCode.normalized(code))
            guard let row = try Row.fetchOne(db, sql: "SELECT expires_ms, used_by, replaces FROM enrolment_code WHERE code_hash = ?", arguments: [hash])
            else { return nil }
            if let usedBy: String = row["used_by"] {
                // The same request again after a lost answer: same replica and the token the PC
                // proposed. Anyone else holding the code learns nothing: the token is not theirs.
                guard let again = try Row.fetchOne(db, sql: """
                    SELECT id, name FROM device WHERE id = ? AND replica = ? AND token_hash = ? AND revoked_ms IS NULL
                    """, arguments: [usedBy, replica.rawValue, Self.sha256Hex(token)]) else { return nil }
                return EnrolledDevice(id: again["id"], replica: replica, name: again["name"])
            }
            guard (row["expires_ms"] as Int64) > nowMs else { return nil }
            let replaces: String? = row["replaces"]
            let provenRow = try previousToken.flatMap {
                try Row.fetchOne(db, sql: "SELECT id, replica FROM device WHERE token_hash = ?", arguments: [Self.sha256Hex($0)])
            }
            let proven: String? = provenRow?["id"]
            let live = try Row.fetchAll(db, sql: "SELECT id, name FROM device WHERE replica = ? AND revoked_ms IS NULL", arguments: [replica.rawValue])
            for other in live where other["id"] != proven && other["id"] != replaces {
                throw DeviceLifecycleError.replicaInUse(device: other["id"], name: other["name"])
            }
            let device = EnrolledDevice(id: UUID().uuidString.lowercased(), replica: replica, name: name)
            try db.execute(sql: "UPDATE enrolment_code SET used_by = ? WHERE code_hash = ?", arguments: [device.id, hash])
            try db.execute(sql: "INSERT INTO device (id, replica, name, token_hash, registered_ms) VALUES (?, ?, ?, ?, ?)",
                           arguments: [device.id, replica.rawValue, name, Self.sha256Hex(token), nowMs])
            for source in [proven, replaces].compactMap({ $0 }) {
                try Self.copyLearners(from: source, to: device.id, db: db)
            }
            // The same PC enrolled again, or the PC a replace code was made for: retired, its
            // row (and learners) kept for the record.
            var retired = live.map { $0["id"] as String }
            if let replaces { retired.append(replaces) }
            if let proven, provenRow?["replica"] == replica.rawValue { retired.append(proven) }
            for old in retired {
                try db.execute(sql: "UPDATE device SET revoked_ms = COALESCE(revoked_ms, ?), replaced_by = ? WHERE id = ?",
                               arguments: [nowMs, device.id, old])
            }
            try AuditLogTable.append([AuditEvent(.deviceEnrol, device: device.id, detail: [
                "name": name, "replica": replica.rawValue, "proven": proven ?? "", "replaces": replaces ?? "", "retired": retired.joined(separator: ","),
            ])], atMs: nowMs, db: db)
            return device
        }
    }

    /// A PC whose database was copied from `parent`'s proved `parent`'s token and took a new
    /// replica: it gets a device of its own with the learners `parent` holds; `parent` stays.
    /// The same request again (same parent, replica and proposed token: an answer was lost) gets
    /// the device already made; anything else naming a live replica is `replicaInUse`.
    public func enrolCopy(of parent: EnrolledDevice, replica: ReplicaID, name: String, token: String, nowMs: Int64) throws -> EnrolledDevice {
        try pool.write { db in
            if let other = try Row.fetchOne(db, sql: "SELECT id, name, token_hash, copied_from FROM device WHERE replica = ? AND revoked_ms IS NULL",
                                            arguments: [replica.rawValue]) {
                // Typed as optional: a device enrolled with a code has no copied_from (NULL).
                if (other["copied_from"] as String?) == parent.id, (other["token_hash"] as String?) == Self.sha256Hex(token) {
                    return EnrolledDevice(id: other["id"], replica: replica, name: other["name"])
                }
                throw DeviceLifecycleError.replicaInUse(device: other["id"], name: other["name"])
            }
            let device = EnrolledDevice(id: UUID().uuidString.lowercased(), replica: replica, name: name)
            try db.execute(sql: "INSERT INTO device (id, replica, name, token_hash, registered_ms, copied_from) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [device.id, replica.rawValue, name, Self.sha256Hex(token), nowMs, parent.id])
            try Self.copyLearners(from: parent.id, to: device.id, db: db)
            try AuditLogTable.append([AuditEvent(.deviceEnrol, device: device.id, detail: ["name": name, "replica": replica.rawValue, "copied_from": parent.id])],
                                     atMs: nowMs, db: db)
            return device
        }
    }

    static func copyLearners(from source: String, to device: String, db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO device_learner (device, learner_id) SELECT ?, learner_id FROM device_learner WHERE device = ?",
                       arguments: [device, source])
    }

    /// The device a token belongs to, revoked ones too (`revokedMs` set): the caller refuses those
    /// with a code that says so.
    public func authenticate(token: String) throws -> EnrolledDevice? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, replica, name, revoked_ms FROM device WHERE token_hash = ?"),
                                             arguments: [Self.sha256Hex(token)]),
                  let replica = ReplicaID(validating: row["replica"])
            else { return nil }
            return EnrolledDevice(id: row["id"], replica: replica, name: row["name"], revokedMs: row["revoked_ms"])
        }
    }
}

extension SQLiteRepositoryStore {
    /// An enrolment that proves no earlier device (the synchronous form, for code holding the
    /// SQLite store itself).
    public func enrol(code: String, replica: ReplicaID, name: String, token: String, nowMs: Int64) throws -> EnrolledDevice? {
        try enrol(code: code, replica: replica, name: name, token: token, previousToken: nil, nowMs: nowMs)
    }
}
