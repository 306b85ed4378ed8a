import Catalog
import Credentials
import Foundation
import Synchronization
import Testing
import TestSupport
import Basics
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// `CredentialFixtures` on the PostgreSQL store: an issuing store on a fresh database of the test
/// run's cluster (keys in its own folder), the same two-course catalog, learners with holder
/// keys; `another()` opens a second instance on the database.
///
/// ```swift
/// try await PostgresCredentialFixtures.with { fx in
///     _ = try await fx.store.push(fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
/// }
/// ```
final class PostgresCredentialFixtures: Sendable {
    let database: PostgresTestDatabase
    let folder: String
    let keyring: IssuerKeyring
    let authority: CredentialAuthority
    let store: PostgresRepositoryStore
    let publisher: CredentialPublisher
    let selfAssessed: Course
    let supervised: Course
    let holders: [String: SigningKey]
    let events: EventLog
    private let extra = OpenedStores()

    /// Every credential event the authority reported, in order.
    final class EventLog: Sendable {
        private let list = Mutex<[CredentialEvent]>([])
        func add(_ event: CredentialEvent) { list.withLock { $0.append(event) } }
        var all: [CredentialEvent] { list.withLock { $0 } }
    }

    /// The one place these tests make a store (swap it to run them on another test database).
    static func makeStore(_ database: PostgresTestDatabase, authority: CredentialAuthority?, keysDirectory: String) async throws -> PostgresRepositoryStore {
        try await PostgresRepositoryStore.open(location: try PostgresLocation(url: database.url), keysDirectory: keysDirectory, connections: 3,
                                               authority: authority)
    }

    private init(database: PostgresTestDatabase) async throws {
        self.database = database
        folder = try HubFixtures.folder()
        keyring = IssuerKeyring.inDataDirectory(folder)
        let events = EventLog()
        self.events = events
        authority = CredentialAuthority(keyring: keyring, publicURL: { CredentialFixtures.publicURL }, onEvent: { events.add($0) })
        let store = try await Self.makeStore(database, authority: authority, keysDirectory: folder + "/keys")
        self.store = store
        publisher = CredentialPublisher(store: store, authority: authority)
        selfAssessed = CredentialFixtures.course("hygiene", .selfAssessed, body: CredentialFixtures.gastro, outcomes: 2)
        supervised = CredentialFixtures.course("forklift", .supervised, body: CredentialFixtures.logistik, outcomes: 2)
        holders = ["ana": SigningKey.generate(), "ben": SigningKey.generate()]
    }

    private func importCatalog() async throws {
        let data = try JSONEncoder().encode(CourseCatalog(courses: [selfAssessed, supervised]))
        let catalog = try CatalogFile.parse(data, source: "test catalog")
        try await store.importCatalog(json: catalog.json, version: catalog.version, nowMs: 1)
    }

    /// Runs `body` on fresh fixtures; closes every store and drops the database afterwards,
    /// also when `body` throws.
    static func with(label: String = "cred", _ body: (PostgresCredentialFixtures) async throws -> Void) async throws {
        let database = try PostgresTestDatabase.make(label: label)
        do {
            let fx = try await PostgresCredentialFixtures(database: database)
            do {
                try await fx.importCatalog()
                try await body(fx)
            } catch {
                await fx.close()
                throw error
            }
            await fx.close()
        } catch {
            try? database.drop()
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

    /// A count by SQL.
    func count(_ sql: String) throws -> Int {
        Int(try database.psql(sql)) ?? -1
    }

    /// Everything `learner`'s device would pull from the start.
    func pullAll(_ learner: String, device: String = HubFixtures.pcB.rawValue, replica: ReplicaID = HubFixtures.pcB,
                 from store: PostgresRepositoryStore? = nil) async throws -> PullResponse.Partition? {
        let store = store ?? self.store
        try await store.link(device: device, learner: learner)
        return try await store.pull(PullRequest(replica: replica, limit: 10_000, partitions: [PullRequest.Cursor(learner: learner, since: 0)]),
                                    device: device).partitions.first
    }

    /// The keys of the learner's records that hold credentials.
    func credentialRecordKeys(_ learner: String) throws -> [String] {
        try database.psql("SELECT key FROM hub_record WHERE learner_id = '\(learner)' AND key LIKE 'credential/%' ORDER BY key")
            .split(separator: "\n").map(String.init)
    }
}
