import Foundation
import PostgresNIO
import SecurityPrimitives
import SyncEngine

extension PostgresRepositoryStore {
    public func addEnrolmentCode(_ code: String, label: String?, nowMs: Int64, expiresMs: Int64) async throws {
        try await database.transaction { tx in
            try await tx.execute("""
                INSERT INTO enrolment_code (code_hash, label, created_ms, expires_ms)
                VALUES (\(SessionToken.sha256Hex(EnrolmentCode.normalized(code))), \(label), \(nowMs), \(expiresMs))
                """)
            try await PostgresAuditLog.append([AuditEvent(.enrolmentCode, detail: ["label": label ?? "", "expires_ms": String(expiresMs)])],
                                              atMs: nowMs, tx: tx)
        }
    }

    /// `SQLiteRepositoryStore.enrol`'s rules. The code's row is locked, so one code enrols one
    /// device whichever instance is asked; one live device per replica is the unique index
    /// `device_live_replica`: when another instance enrolled the same replica in between, the
    /// enrolment runs again and sees it.
    public func enrol(code: String, replica: ReplicaID, name: String, token: String, previousToken: String?, nowMs: Int64) async throws -> EnrolledDevice? {
        do {
            return try await enrolOnce(code: code, replica: replica, name: name, token: token, previousToken: previousToken, nowMs: nowMs)
        } catch where PostgresDatabase.isUniqueViolation(error) {
            return try await enrolOnce(code: code, replica: replica, name: name, token: token, previousToken: previousToken, nowMs: nowMs)
        }
    }

    private func enrolOnce(code: String, replica: ReplicaID, name: String, token: String, previousToken: String?, nowMs: Int64) async throws -> EnrolledDevice? {
        try await database.transaction { tx in
            let hash = SessionToken.sha256Hex(EnrolmentCode.normalized(code))
            guard let row = try await tx.optional("SELECT expires_ms, used_by, replaces FROM enrolment_code WHERE code_hash = \(hash) FOR UPDATE",
                                                  as: (Int64, String?, String?).self)
            else { return nil }
            if let usedBy = row.1 {
                guard let again = try await tx.optional("""
                    SELECT id, name FROM device WHERE id = \(usedBy) AND replica = \(replica.rawValue)
                      AND token_hash = \(SessionToken.sha256Hex(token)) AND revoked_ms IS NULL
                    """, as: (String, String).self) else { return nil }
                return EnrolledDevice(id: again.0, replica: replica, name: again.1)
            }
            guard row.0 > nowMs else { return nil }
            let replaces = row.2
            var provenRow: (String, String)?
            if let previousToken {
                provenRow = try await tx.optional("SELECT id, replica FROM device WHERE token_hash = \(SessionToken.sha256Hex(previousToken))",
                                                  as: (String, String).self)
            }
            let proven = provenRow?.0
            let live = try await tx.all("SELECT id, name FROM device WHERE replica = \(replica.rawValue) AND revoked_ms IS NULL FOR UPDATE",
                                        as: (String, String).self)
            for other in live where other.0 != proven && other.0 != replaces {
                throw DeviceLifecycleError.replicaInUse(device: other.0, name: other.1)
            }
            let device = EnrolledDevice(id: UUID().uuidString.lowercased(), replica: replica, name: name)
            var retired = live.map(\.0)
            if let replaces { retired.append(replaces) }
            if let proven, provenRow?.1 == replica.rawValue { retired.append(proven) }
            // Retired first: the replica's one live device is the new one from here on.
            try await tx.execute("""
                UPDATE device SET revoked_ms = COALESCE(revoked_ms, \(nowMs)), replaced_by = \(device.id) WHERE id = ANY(\(retired))
                """)
            try await tx.execute("UPDATE enrolment_code SET used_by = \(device.id) WHERE code_hash = \(hash)")
            try await tx.execute("""
                INSERT INTO device (id, replica, name, token_hash, registered_ms)
                VALUES (\(device.id), \(replica.rawValue), \(name), \(SessionToken.sha256Hex(token)), \(nowMs))
                """)
            for source in [proven, replaces].compactMap({ $0 }) {
                try await Self.copyLearners(from: source, to: device.id, tx: tx)
            }
            try await PostgresAuditLog.append([AuditEvent(.deviceEnrol, device: device.id, detail: [
                "name": name, "replica": replica.rawValue, "proven": proven ?? "", "replaces": replaces ?? "", "retired": retired.joined(separator: ","),
            ])], atMs: nowMs, tx: tx)
            return device
        }
    }

    public func enrolCopy(of parent: EnrolledDevice, replica: ReplicaID, name: String, token: String, nowMs: Int64) async throws -> EnrolledDevice {
        do {
            return try await enrolCopyOnce(of: parent, replica: replica, name: name, token: token, nowMs: nowMs)
        } catch where PostgresDatabase.isUniqueViolation(error) {
            // The same copy's request, answered by another instance in between: seen as the same now.
            return try await enrolCopyOnce(of: parent, replica: replica, name: name, token: token, nowMs: nowMs)
        }
    }

    private func enrolCopyOnce(of parent: EnrolledDevice, replica: ReplicaID, name: String, token: String, nowMs: Int64) async throws -> EnrolledDevice {
        try await database.transaction { tx in
            if let other = try await tx.optional("""
                SELECT id, name, token_hash, copied_from FROM device WHERE replica = \(replica.rawValue) AND revoked_ms IS NULL
                """, as: (String, String, String, String?).self) {
                if other.3 == parent.id, other.2 == SessionToken.sha256Hex(token) {
                    return EnrolledDevice(id: other.0, replica: replica, name: other.1)
                }
                throw DeviceLifecycleError.replicaInUse(device: other.0, name: other.1)
            }
            let device = EnrolledDevice(id: UUID().uuidString.lowercased(), replica: replica, name: name)
            try await tx.execute("""
                INSERT INTO device (id, replica, name, token_hash, registered_ms, copied_from)
                VALUES (\(device.id), \(replica.rawValue), \(name), \(SessionToken.sha256Hex(token)), \(nowMs), \(parent.id))
                """)
            try await Self.copyLearners(from: parent.id, to: device.id, tx: tx)
            try await PostgresAuditLog.append([AuditEvent(.deviceEnrol, device: device.id,
                                                          detail: ["name": name, "replica": replica.rawValue, "copied_from": parent.id])],
                                              atMs: nowMs, tx: tx)
            return device
        }
    }

    static func copyLearners(from source: String, to device: String, tx: PostgresTransaction) async throws {
        try await tx.execute("""
            INSERT INTO device_learner (device, learner_id) SELECT \(device), learner_id FROM device_learner WHERE device = \(source)
            ON CONFLICT DO NOTHING
            """)
    }

    public func authenticate(token: String) async throws -> EnrolledDevice? {
        try await database.read { tx in
            guard let row = try await tx.optional("SELECT id, replica, name, revoked_ms FROM device WHERE token_hash = \(SessionToken.sha256Hex(token))",
                                                  as: (String, String, String, Int64?).self),
                  let replica = ReplicaID(validating: row.1)
            else { return nil }
            return EnrolledDevice(id: row.0, replica: replica, name: row.2, revokedMs: row.3)
        }
    }

    public func rotateDeviceToken(presented: String, proposed: String, nowMs: Int64) async throws -> TokenRotation {
        let old = SessionToken.sha256Hex(presented), new = SessionToken.sha256Hex(proposed)
        guard old != new else { return .unknown }
        return try await database.transaction { tx in
            if let row = try await tx.optional("SELECT id, replica, name, revoked_ms FROM device WHERE token_hash = \(old) FOR UPDATE",
                                               as: (String, String, String, Int64?).self),
               let replica = ReplicaID(validating: row.1) {
                guard row.3 == nil else { return .revoked }
                guard try await !tx.exists("SELECT EXISTS (SELECT 1 FROM device WHERE token_hash = \(new) OR previous_token_hash = \(new))")
                else { return .unknown }
                let device = EnrolledDevice(id: row.0, replica: replica, name: row.2)
                try await tx.execute("UPDATE device SET token_hash = \(new), previous_token_hash = \(old), token_ms = \(nowMs) WHERE id = \(device.id)")
                try await PostgresAuditLog.append([AuditEvent(.deviceTokenRotate, device: device.id)], atMs: nowMs, tx: tx)
                return .rotated(device)
            }
            if let row = try await tx.optional("""
                SELECT id, replica, name, revoked_ms FROM device WHERE previous_token_hash = \(old) AND token_hash = \(new)
                """, as: (String, String, String, Int64?).self), let replica = ReplicaID(validating: row.1) {
                guard row.3 == nil else { return .revoked }
                return .repeated(EnrolledDevice(id: row.0, replica: replica, name: row.2))
            }
            return .unknown
        }
    }

    public func devices() async throws -> [DeviceSummary] {
        try await database.read { tx in try await Self.devices(tx) }
    }

    static func devices(_ tx: PostgresTransaction) async throws -> [DeviceSummary] {
        try await tx.all("""
            SELECT d.id, d.name, d.replica, d.registered_ms, d.revoked_ms, d.replaced_by, d.copied_from, d.token_ms,
              (SELECT COUNT(*) FROM device_learner l WHERE l.device = d.id)
            FROM device d ORDER BY d.registered_ms, d.id
            """, as: (String, String, String, Int64, Int64?, String?, String?, Int64?, Int64).self).map {
            DeviceSummary(id: $0.0, name: $0.1, replica: $0.2, registeredMs: $0.3, revokedMs: $0.4, replacedBy: $0.5, copiedFrom: $0.6,
                          learners: Int($0.8), tokenMs: $0.7)
        }
    }

    public func revokeDevice(_ idOrName: String, nowMs: Int64) async throws -> DeviceSummary {
        try await database.transaction { tx in
            let id = try await Self.deviceID(idOrName, tx: tx)
            try await tx.execute("UPDATE device SET revoked_ms = COALESCE(revoked_ms, \(nowMs)) WHERE id = \(id)")
            try await PostgresAuditLog.append([AuditEvent(.deviceRevoke, device: id)], atMs: nowMs, tx: tx)
            guard let summary = try await Self.devices(tx).first(where: { $0.id == id }) else { throw DeviceLifecycleError.noSuchDevice(idOrName) }
            return summary
        }
    }

    public func addReplaceCode(_ code: String, replacing idOrName: String, nowMs: Int64, expiresMs: Int64) async throws -> String {
        try await database.transaction { tx in
            let id = try await Self.deviceID(idOrName, tx: tx)
            guard try await tx.optional("SELECT revoked_ms FROM device WHERE id = \(id)", as: Int64?.self) ?? nil == nil else {
                throw DeviceLifecycleError.alreadyRevoked(idOrName)
            }
            try await tx.execute("""
                INSERT INTO enrolment_code (code_hash, label, created_ms, expires_ms, replaces)
                VALUES (\(SessionToken.sha256Hex(EnrolmentCode.normalized(code))), \("replaces \(id)"), \(nowMs), \(expiresMs), \(id))
                """)
            try await PostgresAuditLog.append([AuditEvent(.enrolmentCode, device: id, detail: ["replaces": id, "expires_ms": String(expiresMs)])],
                                              atMs: nowMs, tx: tx)
            return id
        }
    }

    static func deviceID(_ idOrName: String, tx: PostgresTransaction) async throws -> String {
        if let id = try await tx.optional("SELECT id FROM device WHERE id = \(idOrName.lowercased())", as: String.self) { return id }
        let named = try await tx.all("SELECT id FROM device WHERE name = \(idOrName)", as: String.self)
        guard let first = named.first else { throw DeviceLifecycleError.noSuchDevice(idOrName) }
        guard named.count == 1 else { throw DeviceLifecycleError.ambiguousDevice(idOrName) }
        return first
    }
}
