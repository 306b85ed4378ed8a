import Basics
import Foundation
import GRDB
import SQLiteStorage
import SyncEngine
import SecurityPrimitives

/// The repository's embedded store: SQLite in WAL mode through GRDB. Each public method is one
/// transaction; a push is applied all or nothing.
///
/// ```swift
/// let store = try SQLiteRepositoryStore(directory: "/var/lib/repositoryd", durability: .full)
/// let ack = try store.push(request, device: device.id)
/// ```
public final class SQLiteRepositoryStore: RepositoryStore, SyncHub {
    public static let fileName = "repository.sqlite"
    let pool: DatabasePool
    public let path: String
    /// Seals the witnesses the hub gives devices (`HubWitness`); made with the database.
    let witnessKey: HubWitnessKey
    /// Wraps learners' sealed holder keys under a secret kept outside the database (nil only for
    /// a database opened read-only without that secret at hand).
    let holderWrap: HolderKeyWrap?
    let nowMs: @Sendable () -> Int64
    /// Issues credentials when a push completes a course; nil: this store issues nothing (admin
    /// commands, sync-only tests).
    public let authority: CredentialAuthority?
    /// Told when a device's witness made the store start a new epoch (the server logs it).
    let onNewEpoch: (@Sendable (_ epoch: String, _ reason: String) -> Void)?
    public let retention: RepositoryRetention
    /// The storage fault this database last showed (full, read-only, damaged), for `GET /health`.
    public let storage = StorageCondition()

    public init(directory: String, durability: Durability, nowMs: @escaping @Sendable () -> Int64 = SQLiteRepositoryStore.systemNowMs,
                authority: CredentialAuthority? = nil, retention: RepositoryRetention = RepositoryRetention(),
                onNewEpoch: (@Sendable (_ epoch: String, _ reason: String) -> Void)? = nil) throws {
        path = (directory as NSString).appendingPathComponent(Self.fileName)
        self.nowMs = nowMs
        self.authority = authority
        self.retention = retention
        self.onNewEpoch = onNewEpoch
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability.pragma)")
            // Statement ids are random UUIDs, so a 1,000-statement batch dirties up to 1,000
            // leaves of the id index. With SQLite's 2 MB cache and a checkpoint every 1,000 WAL
            // pages, a batch cost 3× more at 100,000 statements than in an empty store (measured):
            // the writer re-read those leaves and nearly every commit ran a checkpoint. A 64 MB
            // cache holds the index of about a million statements, and a checkpoint every 10,000
            // pages (≈40 MB of WAL) writes a leaf changed by several batches once. That cache is
            // the writer's (set below); readers serve pulls, which walk one learner's index range
            // and read texts once, so they keep a small one: with a 64 MB cache each, four pulls
            // at once took the server past 230 MB.
            try db.execute(sql: "PRAGMA cache_size = -\(Self.readerCacheKiB)")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointPages)")
        }
        pool = try DatabaseOpening.pool(path: path, configuration: config)
        // Again on the writer: opening a pool, GRDB switches its writer to synchronous=NORMAL
        // after prepareDatabase has run, which silently turned the default `full` into `normal`.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability.pragma)")
            try db.execute(sql: "PRAGMA cache_size = -\(Self.cacheKiB)")
        }
        try Self.refuseNewer(RepositoryMigrations.migrator, pool, path: path)
        try DatabaseOpening.migrate(RepositoryMigrations.migrator, pool)
        let key = try pool.read { db in try Data.fetchOne(db, sql: "SELECT witness_key FROM hub_meta") }
        guard let key, key.count == 32 else { throw RepositoryStoreError.corrupt("no witness key in hub_meta") }
        witnessKey = HubWitnessKey(bytes: Array(key))
        let keyring = IssuerKeyring.inDataDirectory(directory)
        if pool.configuration.readonly {
            holderWrap = (try? keyring.holderWrapSecret()).map(HolderKeyWrap.init(secret:))
        } else {
            holderWrap = HolderKeyWrap(secret: try keyring.holderWrapSecret())
            try Self.wrapHolderKeys(pool, with: holderWrap)
        }
        _ = try replica(pool)
        StorageWatch.start(pool, condition: storage, faultOf: Self.storageFault(of:))
    }

    /// The hub's own replica id (it writes the credentials it issues). A new epoch gives it a new
    /// one, so it never writes a dot it may have written before going back in time.
    public var replica: ReplicaID {
        get throws { try replica(pool) }
    }

    func replica(_ reader: some DatabaseReader) throws -> ReplicaID {
        try reader.read { db in try Self.replica(db) }
    }

    static func replica(_ db: Database) throws -> ReplicaID {
        guard let raw = try String.fetchOne(db, sql: "SELECT replica FROM hub_meta"), let replica = ReplicaID(validating: raw) else {
            throw RepositoryStoreError.corrupt("no replica id in hub_meta")
        }
        return replica
    }

    static let cacheKiB = 64 * 1024
    /// Each reader's page cache (pulls, learner fetches, admin reads).
    static let readerCacheKiB = 8 * 1024
    static let checkpointPages = 10_000

    public static let systemNowMs: @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    static func sha256Hex(_ text: String) -> String {
        SessionToken.sha256Hex(text)
    }

    /// A record's state as stored; one that cannot be read is damage, never user input.
    static func state(_ json: String) throws -> RegisterState {
        do {
            return try RegisterState(storedJSON: json)
        } catch {
            throw RepositoryStoreError.corrupt("a stored record cannot be read: \(error)")
        }
    }
}

/// The repository database holds something it cannot read back: damage, never user input.
///
/// ```swift
/// throw RepositoryStoreError.corrupt("no replica id in hub_meta")
/// ```
public enum RepositoryStoreError: Error, CustomStringConvertible {
    case corrupt(String)
    public var description: String {
        switch self { case .corrupt(let why): "the repository database is damaged: \(why)" }
    }
}
