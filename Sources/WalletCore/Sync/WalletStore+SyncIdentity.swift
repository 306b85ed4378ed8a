import Foundation
import WalletAPI
import GRDB
import SQLiteStorage
import SyncEngine
import SecurityPrimitives
import Basics

/// This install's sync identity: its replica id and, once registered, the repository it syncs
/// with and its device token. The token never leaves walletd: no route returns it.
///
/// ```swift
/// let identity = try store.syncIdentity()
/// if identity.isRegistered { … }
/// ```
public struct SyncIdentity: Sendable, Equatable {
    public var replica: String
    public var repository: String?
    public var device: String?
    public var token: String?
    public var caFile: String?
    public var lastSuccessMs: Int64?
    public var lastAttemptMs: Int64?
    public var lastError: String?
    /// The replica the device token was issued for. It differs from `replica` after this
    /// database was copied or restored: the token then belongs to the original PC, and this one
    /// asks the repository for a device of its own (`adoptCopiedDevice`) before it syncs.
    public var deviceReplica: String?
    /// The token this PC asked the repository to switch to, until it confirms
    /// (`WalletStore.nextDeviceToken`); the sync run finishes a rotation whose answer was lost.
    public var nextToken: String?
    /// When the current token was set: its rotation, or the enrolment (nil before v11).
    public var tokenMs: Int64?

    public var isRegistered: Bool { repository != nil && token != nil }
    /// Registered, but under a replica id this database gave up (see `ReplicaBinding`).
    public var needsOwnDevice: Bool { isRegistered && deviceReplica != replica }
}

extension WalletStore {
    public func syncIdentity() throws -> SyncIdentity {
        try readNow { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sync_identity WHERE singleton = 1") else {
                throw WalletSyncError.corruptIdentity
            }
            return SyncIdentity(replica: row["replica"], repository: row["repository"], device: row["device"], token: row["token"],
                                caFile: row["ca_file"], lastSuccessMs: row["last_success_ms"], lastAttemptMs: row["last_attempt_ms"],
                                lastError: row["last_error"], deviceReplica: row["device_replica"], nextToken: row["next_token"],
                                tokenMs: row["token_ms"] ?? row["registered_ms"])
        }
    }

    /// Keeps the device and token the repository gave, with the `device_enrol` audit entry in the
    /// same transaction (never the token). The held trust list stays (offline checks and
    /// attestations keep working), but its pinned key may be replaced by the next list's: an
    /// enrolment is the admin's word (a one-time code over verified TLS) on which repository this
    /// PC trusts — the way back after a trust-list key changed without a signed hand-over.
    public func enrol(repository: String, device: String, token: String, caFile: String?, nowMs: Int64) throws {
        try writeNow { db in
            try AuditLogTable.append([AuditEvent(.deviceEnrol, device: device, detail: ["repository": repository])], atMs: nowMs, db: db)
            try db.execute(sql: "UPDATE trust_list SET repin = 1")
            try db.execute(sql: """
                UPDATE sync_identity SET repository = ?, device = ?, token = ?, ca_file = ?, registered_ms = ?, last_error = NULL,
                  device_replica = replica, copy_token = NULL, next_token = NULL, token_ms = ?
                WHERE singleton = 1
                """, arguments: [repository, device, token, caFile, nowMs, nowMs])
        }
    }

    /// Keeps the device the repository made for this copy's own replica (it inherited the
    /// original PC's learners). Only if the replica is still `replica`: a copy made meanwhile
    /// would otherwise take a device for a replica it no longer has.
    public func adoptCopiedDevice(device: String, token: String, replica: String, nowMs: Int64) throws {
        try writeNow { db in
            try db.execute(sql: """
                UPDATE sync_identity SET device = ?, token = ?, device_replica = replica, registered_ms = ?, last_error = NULL,
                  copy_token = NULL, next_token = NULL, token_ms = ?
                WHERE singleton = 1 AND replica = ?
                """, arguments: [device, token, nowMs, nowMs, replica])
        }
    }

    /// The token this PC proposes for a device of its own (an enrolment, or a copy asking for its
    /// own device): made once and kept until a device is enrolled or adopted, so that asking again
    /// after a lost answer is the same request (the repository then answers with the device it
    /// already made instead of `invalid_enrolment_code` or 409 `replica_in_use`).
    public func copyToken() throws -> String {
        try writeNow { db in
            if let token = try String.fetchOne(db, sql: "SELECT copy_token FROM sync_identity WHERE singleton = 1") { return token }
            let token = SessionToken.generate().text
            try db.execute(sql: "UPDATE sync_identity SET copy_token = ? WHERE singleton = 1", arguments: [token])
            return token
        }
    }

    /// Remembers how the last attempt went, so `GET /v1/sync` can say it after a restart too.
    public func recordSyncOutcome(attemptMs: Int64, error: String?) throws {
        try writeNow { db in
            if let error {
                try db.execute(sql: "UPDATE sync_identity SET last_attempt_ms = ?, last_error = ? WHERE singleton = 1", arguments: [attemptMs, error])
            } else {
                try db.execute(sql: "UPDATE sync_identity SET last_attempt_ms = ?, last_success_ms = ?, last_error = NULL WHERE singleton = 1",
                               arguments: [attemptMs, attemptMs])
            }
        }
    }

    /// A learner's dirty records less the quarantined ones: a range of the record table's primary
    /// key (a learner's profile fields and enrolments, a few dozen).
    static let pendingRecordCount = """
        (SELECT COUNT(*) FROM record r WHERE r.learner_id = l.id AND r.dirty = 1 AND NOT EXISTS (\(WalletSyncStore.quarantinedRecord)))
        """

    /// Unacknowledged statements and records per learner (`PendingStatementCount`: index ranges).
    public func pendingCounts() throws -> [(learner: String, statements: Int, records: Int)] {
        try readNow { db in
            try Row.fetchAll(db, sql: Self.pendingCountsSQL).map { ($0["id"], $0["statements"], $0["records"]) }
        }
    }

    static let pendingCountsSQL = """
        SELECT l.id AS id, \(PendingStatementCount.expression) AS statements, \(pendingRecordCount) AS records
        FROM learner l LEFT JOIN sync_partition p ON p.learner_id = l.id ORDER BY l.created_ms, l.id
        """

    /// The version of the catalog the repository last sent, without reading the catalog (for
    /// `GET /v1/sync`, which names only the version).
    public func catalogVersion() throws -> String? {
        try readNow { db in try String.fetchOne(db, sql: "SELECT version FROM catalog WHERE singleton = 1") }
    }

    /// The catalog the repository last sent, as stored JSON text, with its version.
    public func catalogJSON() throws -> (version: String, json: String)? {
        try readNow { db in
            try Row.fetchOne(db, sql: "SELECT version, json FROM catalog WHERE singleton = 1").map { ($0["version"], $0["json"]) }
        }
    }

    /// Adds a learner fetched from the repository (their PIN hash came with them) with empty
    /// checkpoints, so the next pull brings their whole history; used now, so they are in the pull
    /// set. A learner already here only counts as used (a fetch brings an idle learner back).
    public func insertFetchedLearner(_ learner: WireLearner, nowMs: Int64) throws -> Bool {
        guard let salt = Base64URL.decode(learner.pinSalt), let hash = Base64URL.decode(learner.pinHash) else {
            throw WalletSyncError.corruptRecord("the repository sent a learner whose PIN hash is not base64url")
        }
        let pin = PINHash(salt: salt, hash: hash, cost: learner.pinCost)
        return try writeNow { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM learner WHERE id = ?)", arguments: [learner.id]) == true {
                try Self.markUsed(learner.id, nowMs: nowMs, db: db)
                return false
            }
            try db.execute(sql: """
                INSERT INTO learner (id, name, pin_salt, pin_hash, pin_log_n, pin_block_size, pin_parallelism, created_ms, holder_key, last_used_ms,
                                     claim, claim_generation, reset_statement)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [learner.id, learner.name, pin.salt, pin.hash, pin.cost.logN, pin.cost.blockSize, pin.cost.parallelism, learner.createdMs,
                                 learner.holderKey?.json.encodedString, nowMs, Self.believedClaim(of: learner)?.json.encodedString,
                                 Self.believedClaim(of: learner)?.generation ?? -1, learner.reset?.encodedString])
            // Already known to the repository: nothing to announce. Their statements this PC pushed
            // before it forgot them are pulled back too.
            try db.execute(sql: "INSERT INTO sync_partition (learner_id, announced, pull_own) VALUES (?, 1, 1)", arguments: [learner.id])
            return true
        }
    }
}
