import GRDB

/// When each learner last used this PC. A learner unused for longer than walletd's
/// `--sync-idle-learner-days` leaves the pull set (`WalletSyncStore.pullPartitions`): a PC of a
/// centre sees thousands of learners over the years, and every pull would otherwise name each one
/// of them. They stay on the repository and on this PC, and come back with a login, a statement
/// or `learner fetch`.
///
/// ```swift
/// try store.markUsed("ana", nowMs: now)
/// ```
extension WalletStore {
    public func markUsed(_ learnerID: String, nowMs: Int64) throws {
        try writeNow { db in try Self.markUsed(learnerID, nowMs: nowMs, db: db) }
    }

    static func markUsed(_ learnerID: String, nowMs: Int64, db: Database) throws {
        try db.cachedStatement(sql: "UPDATE learner SET last_used_ms = max(COALESCE(last_used_ms, 0), ?) WHERE id = ?")
            .execute(arguments: [nowMs, learnerID])
    }
}
