import Foundation
import GRDB
import SyncEngine
import SecurityPrimitives
import Basics

extension WalletStore {
    public func insertLearner(_ learner: Learner) async throws {
        try writeNow { db in
            try db.execute(
                sql: """
                    INSERT INTO learner (id, name, pin_salt, pin_hash, pin_log_n, pin_block_size, pin_parallelism, created_ms, holder_key,
                                         claim, claim_generation)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [learner.id, learner.name, learner.pin.salt, learner.pin.hash, learner.pin.cost.logN,
                            learner.pin.cost.blockSize, learner.pin.cost.parallelism, learner.createdMs,
                            learner.holderKey?.json.encodedString, learner.claim?.json.encodedString, learner.claim?.generation ?? -1])
        }
    }

    /// Every learner, oldest first.
    public func learners() async throws -> [Learner] {
        try readNow { db in
            try Row.fetchAll(db, sql: "SELECT * FROM learner ORDER BY created_ms, id").map(Self.learner(from:))
        }
    }

    public func learner(id: String) async throws -> Learner? {
        try readNow { db in
            try Row.fetchOne(db, sql: "SELECT * FROM learner WHERE id = ?", arguments: [id]).map(Self.learner(from:))
        }
    }

    /// Counts a try before its PIN is checked (`LoginThrottle.reserve`), in one write transaction:
    /// concurrent logins are serialized here, so no more than `LoginThrottle.freeAttempts` PINs
    /// are ever checked before the lock. A right PIN then calls ``resetFailedLogins(learnerID:)``.
    public func reserveLoginAttempt(learnerID: String, nowMs: Int64) async throws -> LoginThrottle.Reservation? {
        try writeNow { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT failed_attempts, locked_until_ms FROM learner WHERE id = ?", arguments: [learnerID])
            else { return nil }
            let reservation = LoginThrottle.reserve(failedAttempts: row[0], lockedUntilMs: row[1], nowMs: nowMs)
            if case .reserved(let failures, let until) = reservation {
                try db.execute(sql: "UPDATE learner SET failed_attempts = ?, locked_until_ms = ? WHERE id = ?",
                               arguments: [failures, until, learnerID])
            }
            return reservation
        }
    }

    public func resetFailedLogins(learnerID: String) async throws {
        try writeNow { db in
            try db.execute(sql: "UPDATE learner SET failed_attempts = 0, locked_until_ms = 0 WHERE id = ? AND (failed_attempts > 0 OR locked_until_ms > 0)",
                           arguments: [learnerID])
        }
    }

    /// Gives a learner made before credentials existed their holder key (at login, when the PIN
    /// is at hand to seal it). Never replaces a key: the first one stays.
    public func setHolderKeyIfMissing(learnerID: String, key: WireHolderKey) async throws -> Bool {
        try writeNow { db in
            try db.execute(sql: "UPDATE learner SET holder_key = ? WHERE id = ? AND holder_key IS NULL",
                           arguments: [key.json.encodedString, learnerID])
            return db.changesCount > 0
        }
    }

    static func learner(from row: Row) -> Learner {
        // Rows are written from bounded costs; a damaged row reads as the standard cost, so that
        // learner's PIN no longer matches (they cannot log in) instead of the daemon trapping.
        let cost = ScryptCost(validatingLogN: row["pin_log_n"], blockSize: row["pin_block_size"], parallelism: row["pin_parallelism"]) ?? .standard
        // A damaged stored key reads as none: the learner can still log in, study and sync.
        let holderKey = (row["holder_key"] as String?).flatMap { try? WireHolderKey(storedJSON: $0) }
        return Learner(
            id: row["id"], name: row["name"],
            pin: PINHash(salt: row["pin_salt"], hash: row["pin_hash"], cost: cost),
            createdMs: row["created_ms"], failedAttempts: row["failed_attempts"], lockedUntilMs: row["locked_until_ms"],
            holderKey: holderKey, claim: (row["claim"] as String?).flatMap(WireLearnerClaim.init(storedJSON:)),
            reset: (row["reset_statement"] as String?).flatMap { try? JSONValue(data: Data($0.utf8)) })
    }
}
