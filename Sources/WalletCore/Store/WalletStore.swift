import Basics
import Foundation
import GRDB
import SQLiteStorage
import SecurityPrimitives

/// The wallet's SQLite database: learners, sessions and xAPI statements, in one file in WAL mode.
///
/// Every public method is one transaction. Routes call these methods and never hold SQL.
///
/// ```swift
/// let store = try WalletStore(directory: dataDir, durability: .full)
/// let learners = try await store.learners()
/// ```
public final class WalletStore: Sendable {
    public static let fileName = "wallet.sqlite"

    let pool: DatabasePool
    public let path: String
    public let durability: Durability
    /// Set when this open found the database copied or restored and took a new replica id.
    public let replicaChange: ReplicaChange?
    /// The storage fault this database last showed (full, read-only, damaged), for health.
    public let storage = StorageCondition()
    /// Statement writes of concurrent requests, joined into shared transactions (group commit).
    let statementWrites = CommitQueue<StatementWrite, [String]>()
    /// The catalog and trust list as the views use them, parsed once per version.
    let parsedDocuments = ParsedDocuments()

    /// The writer's effective `PRAGMA synchronous` (2 = FULL, 1 = NORMAL), for tests and health.
    public func effectiveSynchronous() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// `machineIDFiles` is where the machine id is read (tests point it at their own files).
    public init(directory: String, durability: Durability, machineIDFiles: [String] = ReplicaBinding.machineIDFiles,
                nowMs: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) throws {
        self.path = (directory as NSString).appendingPathComponent(Self.fileName)
        self.durability = durability
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability.pragma)")
        }
        pool = try DatabaseOpening.pool(path: path, configuration: config)
        // Again on the writer: opening a pool, GRDB sets its writer to synchronous=NORMAL after
        // prepareDatabase has run, which silently turned the default `full` into `normal`.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(durability.pragma)") }
        try Self.refuseNewer(WalletMigrations.migrator, pool, path: path)
        try DatabaseOpening.migrate(WalletMigrations.migrator, pool)
        // A database that can only be read cannot take a new replica id; nothing leaves it either.
        replicaChange = pool.configuration.readonly ? nil
            : try Self.checkReplicaBinding(pool: pool, path: path, machineIDFiles: machineIDFiles, nowMs: nowMs())
        StorageWatch.start(pool, condition: storage, faultOf: Self.storageFault(of:))
    }

    /// Opens the database to read only, without migrating it: `walletd check` and `walletd backup`
    /// beside a running walletd. Refuses a database a newer walletd migrated.
    public init(readingAt directory: String) throws {
        self.path = (directory as NSString).appendingPathComponent(Self.fileName)
        self.durability = .full
        self.replicaChange = nil
        guard FileManager.default.fileExists(atPath: path) else { throw WalletStoreOpenError.noDatabase(path) }
        // Not `readonly`: SQLite cannot open a WAL database read-only when its -shm file is gone (a
        // cleanly stopped walletd), and nothing here writes.
        var config = Configuration()
        config.busyMode = .timeout(5)
        pool = try DatabasePool(path: path, configuration: config)
        try Self.refuseNewer(WalletMigrations.migrator, pool, path: path)
    }

    /// Counts for `GET /v1/health`, each bounded whatever the history: learners and sessions are
    /// few (sessions are swept at login and capped per learner), and the statements are the count
    /// the `statement_total` triggers keep (`ReadIndexes`), one row read instead of a million.
    public func counts(nowMs: Int64) async throws -> (learners: Int, statements: Int, activeSessions: Int) {
        try readNow { db in
            let learners = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM learner") ?? 0
            let statements = try Int.fetchOne(db, sql: Self.statementTotalSQL) ?? 0
            let sessions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session WHERE expires_ms > ?", arguments: [nowMs]) ?? 0
            return (learners, statements, sessions)
        }
    }

    static let statementTotalSQL = "SELECT n FROM statement_total WHERE singleton = 1"
}

extension WalletStore {
    // Database work runs on the calling task's thread (GRDB's synchronous API) rather than through
    // GRDB's async API: each request does one or two sub-millisecond transactions, and the two
    // thread hops of every async access cost more than the SQLite work itself (measured: ~140 µs
    // per access on the socket benchmark). Non-async functions, so the synchronous overloads are
    // the ones chosen.
    // A storage fault is noted on the way out, so health reports it whichever caller met it (a
    // route or the background sync).
    func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            if let fault = Self.storageFault(of: error) { storage.record(fault) }
            throw error
        }
    }

    func writeNow<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch {
            if let fault = Self.storageFault(of: error) { storage.record(fault) }
            throw error
        }
    }
}

/// The data folder holds no database to read (`walletd check`, `walletd backup`).
///
/// ```swift
/// do { _ = try WalletStore(readingAt: dir) } catch let error as WalletStoreOpenError { print(error) }   // "there is no database at …"
/// ```
public enum WalletStoreOpenError: Error, CustomStringConvertible {
    case noDatabase(String)
    public var description: String {
        switch self { case .noDatabase(let path): "there is no database at \(path); check --data-dir" }
    }
}
