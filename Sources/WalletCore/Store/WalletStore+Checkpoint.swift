import GRDB

extension WalletStore {
    /// Folds the write-ahead log into the database file and empties it (`wal_checkpoint(TRUNCATE)`),
    /// for a clean stop: the data folder's `wallet.sqlite` then holds everything.
    ///
    /// ```swift
    /// try store.checkpointForShutdown()
    /// ```
    public func checkpointForShutdown() throws {
        guard !pool.configuration.readonly else { return }
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }
}
