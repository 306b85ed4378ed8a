import Basics
import Foundation
import GRDB
import SQLiteStorage

/// The storage lifecycle of the PC's database: what a failed SQLite call means for people (full,
/// read-only, damaged), the integrity checks run at start and by `walletd check`, online backups,
/// and the refusal to open a database a newer walletd migrated.
///
/// ```swift
/// let problems = try store.quickCheck()            // [] when the file is sound
/// try store.backup(to: "/srv/backup/wallet.sqlite") // consistent while walletd writes
/// if let fault = WalletStore.storageFault(of: error) { condition.record(fault) }
/// ```
extension WalletStore {
    /// The storage fault behind an error from this store, nil for any other error.
    public static func storageFault(of error: any Error) -> StorageFault? {
        StorageFault(sqliteError: error)
    }

    /// `PRAGMA quick_check`: the problems found, [] when there are none. Bounded enough to run at
    /// every start.
    public func quickCheck() throws -> [String] {
        do {
            return try DatabaseChecks.quick(pool)
        } catch {
            if let fault = Self.storageFault(of: error) { storage.record(fault) }
            throw error
        }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, for `walletd check`: the problems
    /// found, [] when there are none. A read transaction: safe beside a running walletd.
    public func integrityCheck() throws -> [String] {
        try DatabaseChecks.integrity(pool)
    }

    /// Copies the whole database into `file` (which must not exist) with SQLite's online backup:
    /// consistent while walletd keeps writing. The copy is made owner-only (0600).
    public func backup(to file: String) throws {
        guard !FileManager.default.fileExists(atPath: file) else { throw WalletBackupError.destinationExists(file) }
        try OnlineBackup.copy(pool, to: file)
    }

    /// Throws ``NewerDatabaseError`` when a newer walletd migrated the database.
    static func refuseNewer(_ migrator: DatabaseMigrator, _ reader: some DatabaseReader, path: String) throws {
        try DatabaseOpening.refuseNewer(migrator, reader, path: path, program: "walletd")
    }
}

/// Why `walletd backup` did not happen; nothing was changed.
///
/// ```swift
/// do { try store.backup(to: file) } catch WalletBackupError.destinationExists(let path) { print("\(path) exists") }
/// ```
public enum WalletBackupError: Error, CustomStringConvertible {
    case destinationExists(String)

    public var description: String {
        switch self {
        case .destinationExists(let path): "\(path) already exists; a backup never overwrites: choose a new name"
        }
    }
}
