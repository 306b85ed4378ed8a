import Basics
import Foundation
import Logging
import PostgresNIO
import SecurityPrimitives
import SyncEngine

/// The repository's store on PostgreSQL, for a region: several repositoryd processes on one
/// database, each a stateless front. Everything two instances could race on is decided by the
/// database: a learner's partition is written under that learner's advisory lock (so change
/// numbers reach pulls in order), the audit chain's tail under its own, uniqueness by constraints.
/// The keys (issuer keys, the holder-key wrap secret) live in a folder every instance reads.
///
/// ```swift
/// let store = try await PostgresRepositoryStore.open(location: try PostgresLocation(url: url), keysDirectory: "/etc/repositoryd/keys")
/// let ack = try await store.push(request, device: device.id)
/// await store.close()
/// ```
public final class PostgresRepositoryStore: RepositoryStore {
    let database: PostgresDatabase
    public let location: PostgresLocation
    let witnessKey: HubWitnessKey
    /// Wraps learners' sealed holder keys under the secret in the keys folder.
    let holderWrap: HolderKeyWrap?
    let nowMs: @Sendable () -> Int64
    /// Issues credentials when a push completes a course; nil: this store issues nothing.
    public let authority: CredentialAuthority?
    let onNewEpoch: (@Sendable (_ epoch: String, _ reason: String) -> Void)?
    public let retention: RepositoryRetention

    init(database: PostgresDatabase, location: PostgresLocation, witnessKey: HubWitnessKey, holderWrap: HolderKeyWrap?,
         nowMs: @escaping @Sendable () -> Int64, authority: CredentialAuthority?, retention: RepositoryRetention,
         onNewEpoch: (@Sendable (_ epoch: String, _ reason: String) -> Void)?) {
        self.database = database
        self.location = location
        self.witnessKey = witnessKey
        self.holderWrap = holderWrap
        self.nowMs = nowMs
        self.authority = authority
        self.retention = retention
        self.onNewEpoch = onNewEpoch
    }

    /// Connects, migrates (or refuses a newer schema) and reads the hub's witness key.
    /// `keysDirectory` nil: learners' sealed keys are stored as their PCs sent them (tests only).
    public static func open(location: PostgresLocation, keysDirectory: String?, connections: Int = 20,
                            nowMs: @escaping @Sendable () -> Int64 = SQLiteRepositoryStore.systemNowMs,
                            authority: CredentialAuthority? = nil, retention: RepositoryRetention = RepositoryRetention(),
                            onNewEpoch: (@Sendable (_ epoch: String, _ reason: String) -> Void)? = nil,
                            logger: Logger = Logger(label: "repositoryd.postgres")) async throws -> PostgresRepositoryStore {
        try await PostgresDatabase.probe(location, logger: logger)
        let database = PostgresDatabase(location: location, connections: connections, logger: logger)
        // Give the pool's run task its turn before the first lease (the driver warns otherwise).
        for _ in 0..<8 { await Task.yield() }
        do {
            try await PostgresMigrations.migrate(database)
            let key = try await database.read { tx in try await tx.one("SELECT witness_key FROM hub_meta", as: Data.self) }
            guard key.count == 32 else { throw RepositoryStoreError.corrupt("the witness key in hub_meta is not 32 bytes") }
            let wrap = try keysDirectory.map { HolderKeyWrap(secret: try IssuerKeyring(directory: $0).holderWrapSecret()) }
            return PostgresRepositoryStore(database: database, location: location, witnessKey: HubWitnessKey(bytes: Array(key)), holderWrap: wrap,
                                           nowMs: nowMs, authority: authority, retention: retention, onNewEpoch: onNewEpoch)
        } catch {
            await database.close()
            throw error
        }
    }

    /// Ends the connection pool; the store cannot be used afterwards.
    public func close() async {
        await database.close()
    }

    public var replica: ReplicaID {
        get async throws {
            try await database.read { tx in try await Self.replica(tx) }
        }
    }

    static func replica(_ tx: PostgresTransaction) async throws -> ReplicaID {
        guard let raw = try await tx.optional("SELECT replica FROM hub_meta", as: String.self), let replica = ReplicaID(validating: raw) else {
            throw RepositoryStoreError.corrupt("no replica id in hub_meta")
        }
        return replica
    }

    /// A record's state as stored; one that cannot be read is damage, never user input.
    static func state(_ json: String) throws -> RegisterState {
        try SQLiteRepositoryStore.state(json)
    }
}

extension PostgresRepositoryStore: DatabaseProbing {
    /// A connection of its own, not one of the pool's: under a rush the pool may be busy for a
    /// while, which is no reason to leave a load balancer's rotation; a database that cannot be
    /// reached is. Bounded well below a load balancer's check timeout.
    public func probe() async -> String? {
        let location = location, logger = database.logger
        do {
            let answered: Void? = try await Deadline.run(within: .seconds(2)) {
                try await PostgresDatabase.probe(location, logger: logger)
            }
            return answered == nil ? "the database \(location) did not answer within 2 s" : nil
        } catch {
            return "the database \(location) does not answer: \(error)"
        }
    }
}
