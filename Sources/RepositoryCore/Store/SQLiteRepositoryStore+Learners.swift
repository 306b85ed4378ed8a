import SQLiteStorage
import Foundation
import GRDB
import SyncEngine
import SecurityPrimitives
import Basics

extension SQLiteRepositoryStore {
    public func learner(id: String) throws -> (learner: WireLearner, failedAttempts: Int, lockedUntilMs: Int64)? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM learner WHERE id = ?", arguments: [id]),
                  let learner = try Self.wireLearner(row, wrap: holderWrap)
            else { return nil }
            return (learner, row["failed_attempts"], row["locked_until_ms"])
        }
    }

    /// A `learner` row as the wire carries it (the sealed key unwrapped).
    static func wireLearner(_ row: Row, wrap: HolderKeyWrap?) throws -> WireLearner? {
        // A cost no one could afford to check (pushed before pushes bounded it) reads as no
        // learner: its PIN can never be tried.
        guard let cost = ScryptCost(validatingLogN: row["pin_log_n"], blockSize: row["pin_block_size"], parallelism: row["pin_parallelism"])
        else { return nil }
        return WireLearner(id: row["id"], name: row["name"], pinSalt: row["pin_salt"], pinHash: row["pin_hash"], pinCost: cost,
                           createdMs: row["created_ms"], holderKey: try holderKey(row, wrap: wrap), claim: claim(row),
                           reset: (row["reset_statement"] as String?).flatMap { try? JSONValue(data: Data($0.utf8)) })
    }

    /// The learner's stored claim; nil when none (or, never expected, unreadable: it is then
    /// replaced by the next valid one).
    static func claim(_ row: Row) -> WireLearnerClaim? {
        (row["claim"] as String?).flatMap(WireLearnerClaim.init(storedJSON:))
    }

    /// The sealed holder key as the learner's PC sent it (unwrapped, never opened here), when
    /// there is one.
    static func holderKey(_ row: Row, wrap: HolderKeyWrap?) throws -> WireHolderKey? {
        guard let did: String = row["holder_did"], let stored: String = row["holder_sealed"], let salt: String = row["holder_salt"],
              let logN: Int = row["holder_log_n"], let blockSize: Int = row["holder_block_size"], let parallelism: Int = row["holder_parallelism"],
              let cost = ScryptCost(validatingLogN: logN, blockSize: blockSize, parallelism: parallelism)
        else { return nil }
        let sealed: String
        if HolderKeyWrap.isWrapped(stored) {
            guard let wrap else { throw HolderKeyWrapError.unreadable(row["id"] ?? "?") }
            sealed = try wrap.unwrap(stored, learnerID: row["id"])
        } else {
            sealed = stored
        }
        return WireHolderKey(did: did, sealed: sealed, salt: salt, cost: cost)
    }

    /// The device may pull this learner from now on (they proved it with their PIN there).
    public func link(device: String, learner: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO device_learner (device, learner_id) VALUES (?, ?)", arguments: [device, learner])
            // Only a fetch with the right PIN links: its audit entry commits with the link.
            try AuditLogTable.append([AuditEvent(.learnerFetch, learner: learner, device: device)], atMs: Self.systemNowMs(), db: db)
        }
    }

    public func reserveFetchAttempt(learnerID: String, nowMs: Int64) throws -> LoginThrottle.Reservation? {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT failed_attempts, locked_until_ms FROM learner WHERE id = ?", arguments: [learnerID])
            else { return nil }
            let reservation = LoginThrottle.reserve(failedAttempts: row[0], lockedUntilMs: row[1], nowMs: nowMs)
            if case .reserved(let failures, let until) = reservation {
                try db.execute(sql: "UPDATE learner SET failed_attempts = ?, locked_until_ms = ? WHERE id = ?", arguments: [failures, until, learnerID])
            }
            return reservation
        }
    }

    public func clearFetchAttempts(learnerID: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE learner SET failed_attempts = 0, locked_until_ms = 0 WHERE id = ?", arguments: [learnerID])
        }
    }

    public func importCatalog(json: String, version: String, nowMs: Int64) throws {
        try pool.write { db in
            // The trust list names the catalog's awarding bodies: a new catalog may change them.
            if try String.fetchOne(db, sql: "SELECT version FROM catalog") != version {
                try db.execute(sql: "UPDATE credential_meta SET trust_version = trust_version + 1")
            }
            try db.execute(sql: """
                INSERT INTO catalog (singleton, version, json, imported_ms) VALUES (1, ?, ?, ?)
                ON CONFLICT (singleton) DO UPDATE SET version = excluded.version, json = excluded.json, imported_ms = excluded.imported_ms
                """, arguments: [version, json, nowMs])
        }
    }

    public func catalog() throws -> (version: String, json: String)? {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT version, json FROM catalog").map { ($0["version"], $0["json"]) } }
    }

    public func stats() throws -> RepositoryStats {
        try pool.read { db in
            guard let meta = try Row.fetchOne(db, sql: "SELECT * FROM hub_meta") else { throw RepositoryStoreError.corrupt("no hub_meta row") }
            return RepositoryStats(
                statementsStored: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM hub_statement") ?? 0,
                statementsReceived: meta["statements_received"], statementsDuplicate: meta["statements_duplicate"],
                statementConflicts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM hub_statement_conflict") ?? 0,
                batches: meta["batches"], batchesReplayed: meta["batches_replayed"],
                records: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM hub_record") ?? 0,
                recordVersions: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM hub_record_history") ?? 0,
                learners: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM learner") ?? 0,
                devices: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM device") ?? 0,
                changeSequence: meta["change_seq"],
                catalogVersion: try String.fetchOne(db, sql: "SELECT version FROM catalog"))
        }
    }
}

extension SQLiteRepositoryStore {
    /// Wraps the sealed holder keys stored before wrapping existed, at open; a no-op afterwards.
    static func wrapHolderKeys(_ pool: DatabasePool, with wrap: HolderKeyWrap?) throws {
        guard let wrap else { return }
        try pool.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, holder_sealed FROM learner WHERE holder_sealed IS NOT NULL AND holder_sealed NOT LIKE 'w1.%'")
            for row in rows {
                let id: String = row["id"], sealed: String = row["holder_sealed"]
                try db.execute(sql: "UPDATE learner SET holder_sealed = ? WHERE id = ?", arguments: [try wrap.wrap(sealed, learnerID: id), id])
            }
        }
    }
}
