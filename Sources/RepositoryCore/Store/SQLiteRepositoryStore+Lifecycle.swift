import Basics
import Foundation
import GRDB

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
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: return .full
        case .SQLITE_READONLY: return .readOnly
        case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_IOERR: return .damaged
        default: return nil
        }
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
        try Self.verdict { Self.problems(try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }) }
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
        return try integrityCheck(queue)
    }

    /// The same check on this store's database.
    public func integrityCheck() throws -> [String] {
        try Self.integrityCheck(pool)
    }

    static func integrityCheck(_ reader: some DatabaseReader) throws -> [String] {
        try verdict { try reader.read { db in
            var problems = Self.problems(try String.fetchAll(db, sql: "PRAGMA integrity_check"))
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0] ?? "?"
                let rowid: Int64? = row[1]
                let parent: String = row[2] ?? "?"
                problems.append("row \(rowid.map(String.init) ?? "?") of \(table) refers to a missing row of \(parent)")
            }
            return problems
        } }
    }

    static func problems(_ verdict: [String]) -> [String] {
        verdict == ["ok"] ? [] : verdict
    }

    /// A check SQLite stops because the file is too damaged to walk is a verdict too, not a failure
    /// of the check.
    static func verdict(_ check: () throws -> [String]) throws -> [String] {
        do {
            return try check()
        } catch let error as DatabaseError where storageFault(of: error) == .damaged {
            return ["SQLite stopped the check: \(error.message ?? "\(error)") (\(error.resultCode))"]
        }
    }

    static func refuseNewer(_ migrator: DatabaseMigrator, _ writer: some DatabaseWriter, path: String) throws {
        let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
        let unknown = applied.subtracting(migrator.migrations)
        guard unknown.isEmpty else {
            throw NewerDatabaseError(program: "repositoryd", path: path, unknown: Array(unknown), newestKnown: migrator.migrations.last ?? "none")
        }
    }

    /// Opens the pool; a database that cannot be written (a read-only file or filesystem) is
    /// opened read-only instead, so the daemon can still serve what it holds (GRDB's pool would
    /// otherwise write at open, and fail).
    static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        do {
            return try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY && FileManager.default.fileExists(atPath: path) {
            var readOnly = configuration
            readOnly.readonly = true
            return try DatabasePool(path: path, configuration: readOnly)
        }
    }

    /// Migrates, unless the pool could only be opened read-only: then the schema must already be
    /// this build's, or the database cannot be used here.
    static func migrate(_ migrator: DatabaseMigrator, _ pool: DatabasePool) throws {
        guard pool.configuration.readonly else { return try migrator.migrate(pool) }
        guard try pool.read({ db in try migrator.hasCompletedMigrations(db) }) else {
            throw DatabaseError(resultCode: .SQLITE_READONLY, message: "the database needs migrating to this version but cannot be written")
        }
    }

    /// Notes writes that commit a change (a full or read-only state is over) and finds out at open
    /// whether the file can be written at all.
    func watchStorage() {
        let condition = storage
        pool.add(transactionObserver: RepositoryCommitWatcher(condition: condition), extent: .databaseLifetime)
        do {
            // Rewrites a header field with its own value: the cheapest write that tells whether
            // the file (or its filesystem) can be written before a PC's push fails.
            try pool.writeWithoutTransaction { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                try db.execute(sql: "PRAGMA user_version = \(version)")
            }
        } catch {
            if let fault = Self.storageFault(of: error) { condition.record(fault) }
        }
    }
}

/// Tells the storage condition when a transaction that changed rows committed; a write transaction
/// that only read does not count (`totalChangesCount` did not move).
private final class RepositoryCommitWatcher: TransactionObserver, @unchecked Sendable {
    // Touched only on the writer connection's queue, one transaction at a time.
    private var lastChanges = 0
    let condition: StorageCondition

    init(condition: StorageCondition) { self.condition = condition }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) {
        let changes = db.totalChangesCount
        if changes != lastChanges {
            lastChanges = changes
            condition.writeCommitted()
        }
    }
    func databaseDidRollback(_ db: Database) {
        lastChanges = db.totalChangesCount
    }
}
