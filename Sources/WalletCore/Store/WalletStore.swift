import Foundation
import GRDB
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
        pool = try DatabasePool(path: path, configuration: config)
        // Again on the writer: opening a pool, GRDB sets its writer to synchronous=NORMAL after
        // prepareDatabase has run, which silently turned the default `full` into `normal`.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(durability.pragma)") }
        try WalletMigrations.migrator.migrate(pool)
        replicaChange = try Self.checkReplicaBinding(pool: pool, path: path, machineIDFiles: machineIDFiles, nowMs: nowMs())
    }

    /// Counts for `GET /v1/health`.
    public func counts(nowMs: Int64) async throws -> (learners: Int, statements: Int, activeSessions: Int) {
        try readNow { db in
            let learners = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM learner") ?? 0
            let statements = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM statement") ?? 0
            let sessions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session WHERE expires_ms > ?", arguments: [nowMs]) ?? 0
            return (learners, statements, sessions)
        }
    }
}

extension WalletStore {
    // Database work runs on the calling task's thread (GRDB's synchronous API) rather than through
    // GRDB's async API: each request does one or two sub-millisecond transactions, and the two
    // thread hops of every async access cost more than the SQLite work itself (measured: ~140 µs
    // per access on the socket benchmark). Non-async functions, so the synchronous overloads are
    // the ones chosen.
    func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    func writeNow<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }
}
