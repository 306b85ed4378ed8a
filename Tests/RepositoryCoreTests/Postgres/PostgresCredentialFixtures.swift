import Catalog
import Credentials
import Foundation
import Synchronization
import Testing
import Basics
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// A fresh database on the test cluster named by `WALLET_TEST_POSTGRES_URL`
/// (postgres://USER@HOST:PORT/DB), made and dropped with `psql`. Stand-in until the shared
/// `PostgresTestDatabase` (TestSupport) lands; same shape, so the swap is a rename.
///
/// ```swift
/// let database = try CredentialTestDatabase.make(label: "issuance")
/// try database.psql("SELECT 1")
/// try database.drop()
/// ```
struct CredentialTestDatabase: Sendable {
    static let clusterURL = ProcessInfo.processInfo.environment["WALLET_TEST_POSTGRES_URL"]
    static var available: Bool { clusterURL != nil }

    let name: String
    let url: String

    static func make(label: String) throws -> CredentialTestDatabase {
        guard let cluster = clusterURL, var components = URLComponents(string: cluster) else {
            throw CredentialAdminError("set WALLET_TEST_POSTGRES_URL to postgres://USER@HOST:PORT/DB of a throw-away cluster")
        }
        let name = "t_\(label)_\(ProcessInfo.processInfo.processIdentifier)_\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        _ = try run(url: cluster, sql: "CREATE DATABASE \(name)")
        components.path = "/" + name
        return CredentialTestDatabase(name: name, url: components.string ?? cluster)
    }

    func drop() throws {
        guard let cluster = Self.clusterURL else { return }
        _ = try Self.run(url: cluster, sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs SQL in this database; its output unaligned, tuples only.
    @discardableResult
    func psql(_ sql: String) throws -> String { try Self.run(url: url, sql: sql) }

    static func run(url: String, sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CredentialAdminError("psql failed: \(String(decoding: error, as: UTF8.self)) for: \(sql.prefix(200))")
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// `CredentialFixtures` on the PostgreSQL store: an issuing store on a fresh database (keys in
/// its own folder), the same two-course catalog (written with SQL: the catalog import is ported
/// elsewhere), learners with holder keys; `another()` opens a second instance on the database.
///
/// ```swift
/// try await PostgresCredentialFixtures.with { fx in
///     _ = try await fx.store.push(fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
/// }
/// ```
final class PostgresCredentialFixtures: Sendable {
    let database: CredentialTestDatabase
    let folder: String
    let keyring: IssuerKeyring
    let authority: CredentialAuthority
    let store: PostgresRepositoryStore
    let publisher: CredentialPublisher
    let selfAssessed: Course
    let supervised: Course
    let holders: [String: SigningKey]
    let events: EventLog
    private let extra = StoreList()

    /// Every credential event the authority reported, in order.
    final class EventLog: Sendable {
        private let list = Mutex<[CredentialEvent]>([])
        func add(_ event: CredentialEvent) { list.withLock { $0.append(event) } }
        var all: [CredentialEvent] { list.withLock { $0 } }
    }

    final class StoreList: Sendable {
        private let list = Mutex<[PostgresRepositoryStore]>([])
        func add(_ store: PostgresRepositoryStore) { list.withLock { $0.append(store) } }
        var all: [PostgresRepositoryStore] { list.withLock { $0 } }
    }

    /// The one place these tests make a store (swap it to run them on another test database).
    static func makeStore(_ database: CredentialTestDatabase, authority: CredentialAuthority?, keysDirectory: String) async throws -> PostgresRepositoryStore {
        try await PostgresRepositoryStore.open(location: try PostgresLocation(url: database.url), keysDirectory: keysDirectory, connections: 3,
                                               authority: authority)
    }

    private init(database: CredentialTestDatabase) async throws {
        self.database = database
        folder = try HubFixtures.folder()
        keyring = IssuerKeyring.inDataDirectory(folder)
        let events = EventLog()
        self.events = events
        authority = CredentialAuthority(keyring: keyring, publicURL: { CredentialFixtures.publicURL }, onEvent: { events.add($0) })
        store = try await Self.makeStore(database, authority: authority, keysDirectory: folder + "/keys")
        publisher = CredentialPublisher(store: store, authority: authority)
        selfAssessed = CredentialFixtures.course("hygiene", .selfAssessed, body: CredentialFixtures.gastro, outcomes: 2)
        supervised = CredentialFixtures.course("forklift", .supervised, body: CredentialFixtures.logistik, outcomes: 2)
        holders = ["ana": SigningKey.generate(), "ben": SigningKey.generate()]
        let data = try JSONEncoder().encode(CourseCatalog(courses: [selfAssessed, supervised]))
        let catalog = try CatalogFile.parse(data, source: "test catalog")
        try database.psql("INSERT INTO catalog (singleton, version, json, imported_ms) VALUES (1, $v$\(catalog.version)$v$, $c$\(catalog.json)$c$, 1)")
    }

    /// Runs `body` on fresh fixtures; closes every store and drops the database afterwards,
    /// also when `body` throws. Not run (nothing checked) without a test cluster.
    static func with(label: String = "cred", _ body: (PostgresCredentialFixtures) async throws -> Void) async throws {
        let database = try CredentialTestDatabase.make(label: label)
        do {
            let fx = try await PostgresCredentialFixtures(database: database)
            do {
                try await body(fx)
            } catch {
                await fx.close()
                throw error
            }
            await fx.close()
        } catch {
            try? database.drop()
            // PSQLError's description hides the server's message; the test report needs it.
            if String(describing: type(of: error)) == "PSQLError" { throw CredentialAdminError(String(reflecting: error)) }
            throw error
        }
        try database.drop()
    }

    /// A second repositoryd instance on the same database and keys folder.
    func another() async throws -> PostgresRepositoryStore {
        let store = try await Self.makeStore(database, authority: authority, keysDirectory: folder + "/keys")
        extra.add(store)
        return store
    }

    func close() async {
        for other in extra.all { await other.close() }
        await store.close()
    }

    func learner(_ id: String, withHolderKey: Bool = true) -> WireLearner {
        var learner = HubFixtures.learner(id)
        let key = holders[id] ?? SigningKey.generate()
        if withHolderKey {
            learner.holderKey = WireHolderKey(did: key.didKey.did, sealed: "c2VhbGVkLWtleS1ieXRlcw", salt: "c2FsdHNhbHQ", cost: ScryptCost(logN: 10))
        }
        return learner
    }

    func push(learner: WireLearner, statements: [WireStatement], records: [WireRecord] = [], replica: ReplicaID = HubFixtures.pcA) -> PushRequest {
        PushRequest(replica: replica, learner: learner, statements: statements, records: records)
    }

    func passing(_ course: Course, learner: String = "ana") -> [WireStatement] {
        course.learningOutcomes.map { CredentialFixtures.statement(learner: learner, activity: $0.id) }
    }

    func attested(_ course: Course, by assessor: SigningKey, learner: String = "ana") throws -> [WireStatement] {
        let did = holders[learner]?.didKey.did ?? ""
        return try course.learningOutcomes.map { outcome in
            let unsigned = OutcomeAttestation(learnerDID: did, learnerID: learner, course: course.id, outcome: outcome.id, passed: true, score: 0.9, note: nil,
                                              identity: nil)
                .unsignedCredential(id: "urn:uuid:\(UUID())", assessor: assessor.didKey, validFrom: Date(timeIntervalSince1970: 1_795_000_000))
            let signed = try DataIntegrity.sign(unsigned, key: assessor, purpose: .assertionMethod, created: Date(timeIntervalSince1970: 1_795_000_000))
            return CredentialFixtures.statement(learner: learner, activity: outcome.id, attestation: signed)
        }
    }

    /// A count by SQL (the pull, stats and catalog of this store are ported elsewhere).
    func count(_ sql: String) throws -> Int {
        Int(try database.psql(sql)) ?? -1
    }

    /// The keys of the learner's records that hold credentials.
    func credentialRecordKeys(_ learner: String) throws -> [String] {
        try database.psql("SELECT key FROM hub_record WHERE learner_id = '\(learner)' AND key LIKE 'credential/%' ORDER BY key")
            .split(separator: "\n").map(String.init)
    }
}
