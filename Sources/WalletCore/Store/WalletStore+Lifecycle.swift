import Basics
import Foundation
import GRDB

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
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: return .full
        case .SQLITE_READONLY: return .readOnly
        case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_IOERR: return .damaged
        default: return nil
        }
    }

    /// `PRAGMA quick_check`: the problems found, [] when there are none. Reads every page but skips
    /// the index-content checks, so it is bounded enough to run at every start.
    public func quickCheck() throws -> [String] {
        try Self.verdict { Self.problems(try readNow { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }) }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, for `walletd check`: the problems
    /// found, [] when there are none. A read transaction: safe beside a running walletd.
    public func integrityCheck() throws -> [String] {
        try Self.verdict { try readNow { db in
            var problems = Self.problems(try String.fetchAll(db, sql: "PRAGMA integrity_check"))
            let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            for row in rows {
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

    /// Copies the whole database into `file` (which must not exist) with SQLite's online backup:
    /// consistent while walletd keeps writing. The copy is made owner-only (0600).
    public func backup(to file: String) throws {
        guard !FileManager.default.fileExists(atPath: file) else { throw WalletBackupError.destinationExists(file) }
        let previous = umask(0o077)
        defer { umask(previous) }
        let destination = try DatabaseQueue(path: file)
        try pool.backup(to: destination)
        try destination.close()
        chmod(file, 0o600)
    }

    /// Throws ``NewerDatabaseError`` when the database records migrations this build does not
    /// have: a newer walletd ran on it.
    static func refuseNewer(_ migrator: DatabaseMigrator, _ writer: some DatabaseWriter, path: String) throws {
        let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
        let unknown = applied.subtracting(migrator.migrations)
        guard unknown.isEmpty else {
            throw NewerDatabaseError(program: "walletd", path: path, unknown: Array(unknown), newestKnown: migrator.migrations.last ?? "none")
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

    /// Notes a write that committed a change (so a full or read-only state is over), and finds out
    /// at open whether the file can be written at all.
    func watchStorage() {
        let condition = storage
        let observer = CommitWatcher(condition: condition)
        pool.add(transactionObserver: observer, extent: .databaseLifetime)
        do {
            // Rewrites the header field with its own value: the cheapest write that tells whether
            // the file (or its filesystem) is writable before the first learner's change is lost.
            try pool.writeWithoutTransaction { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                try db.execute(sql: "PRAGMA user_version = \(version)")
            }
        } catch {
            if let fault = Self.storageFault(of: error) { condition.record(fault) }
        }
    }
}

/// Tells the storage condition when a transaction that changed rows committed: `totalChangesCount`
/// grows only with real changes, so a write transaction that only read does not count.
private final class CommitWatcher: TransactionObserver, @unchecked Sendable {
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
