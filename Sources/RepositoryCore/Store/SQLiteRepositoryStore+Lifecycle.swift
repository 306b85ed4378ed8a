import Basics
import Foundation
import GRDB
import SQLiteStorage

/// The storage lifecycle of the repository's database: what a failed SQLite call means for people
/// (full, read-only, damaged), the checks run at start and by `repositoryd check`, whether an
/// admin command may open the database beside a running server, and the refusal to open a
/// database a newer repositoryd migrated.
///
/// ```swift
/// switch try SQLiteRepositoryStore.schemaState(directory: dataDir) {
/// case .current: break                         // open beside the server
/// case .behind, .missing: break                // migrate: take the data folder's lock first
/// }
/// let problems = try store.integrityCheck()    // [] when the file is sound
/// ```
extension SQLiteRepositoryStore {
    /// The storage fault behind an error from this store, nil for any other error.
    public static func storageFault(of error: any Error) -> StorageFault? {
        if error is RepositoryStoreError { return .damaged }
        return StorageFault(sqliteError: error)
    }

    /// Where the database in a data folder stands against this build's migrations.
    public enum SchemaState: Sendable, Equatable {
        /// No database yet: opening creates it.
        case missing
        /// Every migration this build has is applied, and no other.
        case current
        /// Migrations of this build are not applied yet: opening migrates it.
        case behind
    }

    /// Looks at the database without changing it. Throws ``NewerDatabaseError`` for a database a
    /// newer repositoryd migrated.
    public static func schemaState(directory: String) throws -> SchemaState {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return .missing }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let migrator = RepositoryMigrations.migrator
        try refuseNewer(migrator, queue, path: path)
        return try queue.read { db in try migrator.hasCompletedMigrations(db) } ? .current : .behind
    }

    /// `PRAGMA quick_check`: the problems found, [] when there are none (run at every start).
    public func quickCheck() throws -> [String] {
        try DatabaseChecks.quick(pool)
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` on the database in `directory`,
    /// without migrating it, for `repositoryd check`: the problems found, [] when there are none.
    /// One read transaction: safe beside a running server. Throws ``NewerDatabaseError`` for a
    /// database a newer repositoryd migrated.
    public static func integrityCheck(directory: String) throws -> [String] {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { throw RepositoryBackupError.unreadable(path, "there is no database; check --data-dir") }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try refuseNewer(RepositoryMigrations.migrator, queue, path: path)
        return try DatabaseChecks.integrity(queue)
    }

    /// The same check on this store's database.
    public func integrityCheck() throws -> [String] {
        try DatabaseChecks.integrity(pool)
    }

    /// Throws ``NewerDatabaseError`` when a newer repositoryd migrated the database.
    static func refuseNewer(_ migrator: DatabaseMigrator, _ reader: some DatabaseReader, path: String) throws {
        try DatabaseOpening.refuseNewer(migrator, reader, path: path, program: "repositoryd")
    }
}
