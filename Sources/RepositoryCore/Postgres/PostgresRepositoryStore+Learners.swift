import Basics
import Foundation
import PostgresNIO
import SecurityPrimitives
import SyncEngine

extension PostgresRepositoryStore {
    /// The columns `wireLearner` reads, in its order.
    static let learnerColumns = """
        id, name, pin_salt, pin_hash, pin_log_n, pin_block_size, pin_parallelism, created_ms,
        holder_did, holder_sealed, holder_salt, holder_log_n, holder_block_size, holder_parallelism,
        claim, reset_statement, failed_attempts, locked_until_ms
        """

    typealias LearnerRow = (String, String, String, String, Int32, Int32, Int32, Int64,
                            String?, String?, String?, Int32?, Int32?, Int32?,
                            String?, String?, Int32, Int64)

    public func learner(id: String) async throws -> (learner: WireLearner, failedAttempts: Int, lockedUntilMs: Int64)? {
        try await database.read { tx in
            guard let row = try await tx.optional(PostgresQuery(unsafeSQL: "SELECT \(Self.learnerColumns) FROM learner WHERE id = $1",
                                                                binds: Self.binds(id)), as: LearnerRow.self),
                  let learner = try Self.wireLearner(row, wrap: self.holderWrap)
            else { return nil }
            return (learner, Int(row.16), row.17)
        }
    }

    /// Binds for a query whose column list is spliced in as text (`learnerColumns`).
    static func binds(_ id: String, generation: Int64? = nil) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(id)
        if let generation { binds.append(generation) }
        return binds
    }

    /// A stored learner as the wire shows them (`SQLiteRepositoryStore.wireLearner`'s rules: a cost
    /// no one could afford to check reads as no learner).
    static func wireLearner(_ row: LearnerRow, wrap: HolderKeyWrap?) throws -> WireLearner? {
        guard let cost = ScryptCost(validatingLogN: Int(row.4), blockSize: Int(row.5), parallelism: Int(row.6)) else { return nil }
        var holderKey: WireHolderKey?
        if let did = row.8, let stored = row.9, let salt = row.10, let logN = row.11, let blockSize = row.12, let parallelism = row.13,
           let keyCost = ScryptCost(validatingLogN: Int(logN), blockSize: Int(blockSize), parallelism: Int(parallelism)) {
            let sealed: String
            if HolderKeyWrap.isWrapped(stored) {
                guard let wrap else { throw HolderKeyWrapError.unreadable(row.0) }
                sealed = try wrap.unwrap(stored, learnerID: row.0)
            } else {
                sealed = stored
            }
            holderKey = WireHolderKey(did: did, sealed: sealed, salt: salt, cost: keyCost)
        }
        return WireLearner(id: row.0, name: row.1, pinSalt: row.2, pinHash: row.3, pinCost: cost, createdMs: row.7, holderKey: holderKey,
                           claim: row.14.flatMap(WireLearnerClaim.init(storedJSON:)),
                           reset: row.15.flatMap { try? JSONValue(data: Data($0.utf8)) })
    }

    public func link(device: String, learner: String) async throws {
        let now = nowMs()
        try await database.transaction { tx in
            try await tx.execute("INSERT INTO device_learner (device, learner_id) VALUES (\(device), \(learner)) ON CONFLICT DO NOTHING")
            try await PostgresAuditLog.append([AuditEvent(.learnerFetch, learner: learner, device: device)], atMs: now, tx: tx)
        }
    }

    /// Counts the try in one transaction with the learner's row locked, so two instances asked
    /// at once count two tries: at most `LoginThrottle.freeAttempts` PINs are ever checked.
    public func reserveFetchAttempt(learnerID: String, nowMs: Int64) async throws -> LoginThrottle.Reservation? {
        try await database.transaction { tx in
            guard let row = try await tx.optional("SELECT failed_attempts, locked_until_ms FROM learner WHERE id = \(learnerID) FOR UPDATE",
                                                  as: (Int32, Int64).self)
            else { return nil }
            let reservation = LoginThrottle.reserve(failedAttempts: Int(row.0), lockedUntilMs: row.1, nowMs: nowMs)
            if case .reserved(let failures, let until) = reservation {
                try await tx.execute("UPDATE learner SET failed_attempts = \(failures), locked_until_ms = \(until) WHERE id = \(learnerID)")
            }
            return reservation
        }
    }

    public func clearFetchAttempts(learnerID: String) async throws {
        try await database.transaction { tx in
            try await tx.execute("UPDATE learner SET failed_attempts = 0, locked_until_ms = 0 WHERE id = \(learnerID)")
        }
    }
}
