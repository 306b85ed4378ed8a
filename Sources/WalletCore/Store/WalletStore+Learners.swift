import Foundation
import GRDB

extension WalletStore {
    public func insertLearner(_ learner: Learner) async throws {
        try writeNow { db in
            try db.execute(
                sql: """
                    INSERT INTO learner (id, name, pin_salt, pin_hash, pin_log_n, pin_block_size, pin_parallelism, created_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [learner.id, learner.name, learner.pin.salt, learner.pin.hash, learner.pin.cost.logN,
                            learner.pin.cost.blockSize, learner.pin.cost.parallelism, learner.createdMs])
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

    /// Counts a wrong PIN and returns the time until which the learner is now locked (0: not locked).
    public func recordFailedLogin(learnerID: String, nowMs: Int64) async throws -> Int64 {
        try writeNow { db in
            let failures = (try Int.fetchOne(db, sql: "SELECT failed_attempts FROM learner WHERE id = ?", arguments: [learnerID]) ?? 0) + 1
            let lockMs = LoginThrottle.lockDurationMs(afterFailures: failures)
            let until = lockMs > 0 ? nowMs + lockMs : 0
            try db.execute(sql: "UPDATE learner SET failed_attempts = ?, locked_until_ms = ? WHERE id = ?",
                           arguments: [failures, until, learnerID])
            return until
        }
    }

    public func resetFailedLogins(learnerID: String) async throws {
        try writeNow { db in
            try db.execute(sql: "UPDATE learner SET failed_attempts = 0, locked_until_ms = 0 WHERE id = ? AND failed_attempts > 0",
                           arguments: [learnerID])
        }
    }

    static func learner(from row: Row) -> Learner {
        let cost = PINHash.Cost(logN: row["pin_log_n"], blockSize: row["pin_block_size"], parallelism: row["pin_parallelism"])
        return Learner(
            id: row["id"], name: row["name"],
            pin: PINHash(salt: row["pin_salt"], hash: row["pin_hash"], cost: cost),
            createdMs: row["created_ms"], failedAttempts: row["failed_attempts"], lockedUntilMs: row["locked_until_ms"])
    }
}
