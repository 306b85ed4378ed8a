import Credentials
import Foundation
import Catalog
import Basics
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// A repository store that issues (keys in its own folder, public URL https://repo.test), a
/// two-course catalog (self-assessed and supervised, two awarding bodies), learners with holder
/// keys, and the statements that complete outcomes.
///
/// ```swift
/// let fx = try CredentialFixtures()
/// try fx.store.push(fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
/// ```
struct CredentialFixtures {
    static let publicURL = "https://repo.test"
    static let gastro = AwardingBody(name: "Gastro-Akademie Rheinland", country: "DE", url: "https://gastro-akademie.example")
    static let logistik = AwardingBody(name: "Berufsbildungszentrum Logistik Steiermark", country: "AT")

    let folder: String
    let keyring: IssuerKeyring
    let authority: CredentialAuthority
    let store: SQLiteRepositoryStore
    let publisher: CredentialPublisher
    let selfAssessed: Course
    let supervised: Course
    let holders: [String: SigningKey]

    init() throws {
        folder = try HubFixtures.folder()
        keyring = IssuerKeyring.inDataDirectory(folder)
        authority = CredentialAuthority(keyring: keyring, publicURL: { Self.publicURL })
        store = try SQLiteRepositoryStore(directory: folder, durability: .normal, authority: authority)
        publisher = CredentialPublisher(store: store, authority: authority)
        selfAssessed = Self.course("hygiene", .selfAssessed, body: Self.gastro, outcomes: 2)
        supervised = Self.course("forklift", .supervised, body: Self.logistik, outcomes: 2)
        let data = try JSONEncoder().encode(CourseCatalog(courses: [selfAssessed, supervised]))
        let catalog = try CatalogFile.parse(data, source: "test catalog")
        try store.importCatalog(json: catalog.json, version: catalog.version, nowMs: 1)
        holders = ["ana": SigningKey.generate(), "ben": SigningKey.generate()]
    }

    static func course(_ name: String, _ assessment: AssessmentType, body: AwardingBody, outcomes: Int) -> Course {
        Course(id: "https://catalog.test/courses/\(name)", title: "Course \(name)", description: "About \(name).", language: "de-AT",
               eqfLevel: 3, ectsCredits: 2, ecvetPoints: 3,
               learningOutcomes: (0..<outcomes).map { LearningOutcome(id: "https://catalog.test/courses/\(name)/lo/\($0)", text: "Can do \(name) step \($0).") },
               assessment: assessment, participation: .onsite, qualityAssurance: "Audited yearly.", awardingBody: body, workloadHours: 50)
    }

    func learner(_ id: String, withHolderKey: Bool = true) -> WireLearner {
        var learner = HubFixtures.learner(id)
        if withHolderKey, let key = holders[id] {
            learner.holderKey = WireHolderKey(did: key.didKey.did, sealed: "c2VhbGVkLWtleS1ieXRlcw", salt: "c2FsdHNhbHQ", cost: ScryptCost(logN: 10))
        }
        return learner
    }

    func push(learner: WireLearner, statements: [WireStatement], records: [WireRecord] = [], replica: ReplicaID = HubFixtures.pcA) -> PushRequest {
        PushRequest(replica: replica, learner: learner, statements: statements, records: records)
    }

    /// A statement of `learner` on `activity`; with `attestation` it carries it in its result.
    static func statement(learner: String, verb: String = "passed", activity: String, attestation: JSONValue? = nil) -> WireStatement {
        let id = UUID().uuidString.lowercased()
        var fields: [String: JSONValue] = [
            "id": .string(id),
            "actor": ["objectType": "Agent", "account": ["homePage": .string(XAPI.learnerAccountHomePage), "name": .string(learner)]],
            "verb": ["id": .string("http://adlnet.gov/expapi/verbs/\(verb)")],
            "object": ["objectType": "Activity", "id": .string(activity)],
            "stored": "2026-11-22T09:00:00.000Z",
        ]
        if let attestation {
            fields["result"] = ["success": .bool(verb == "passed"), "extensions": .object([OutcomeAttestation.attestationExtension: attestation])]
        }
        return WireStatement(id: id, json: JSONValue.object(fields).encodedString)
    }

    /// Passed statements on every outcome of `course`.
    func passing(_ course: Course, learner: String = "ana") -> [WireStatement] {
        course.learningOutcomes.map { Self.statement(learner: learner, activity: $0.id) }
    }

    /// Statements carrying attestations of every outcome of `course` (each stating `identity`, the
    /// name the assessor checked, when given).
    func attested(_ course: Course, by assessor: SigningKey, learner: String = "ana", learnerDID: String? = nil, learnerID: String? = nil,
                  identity: IdentityVerification? = nil) throws -> [WireStatement] {
        let did = learnerDID ?? holders[learner]?.didKey.did ?? ""
        return try course.learningOutcomes.map { outcome in
            let unsigned = OutcomeAttestation(learnerDID: did, learnerID: learnerID ?? learner, course: course.id, outcome: outcome.id, passed: true, score: 0.9, note: nil,
                                              identity: identity)
                .unsignedCredential(id: "urn:uuid:\(UUID())", assessor: assessor.didKey, validFrom: Date(timeIntervalSince1970: 1_795_000_000))
            let signed = try DataIntegrity.sign(unsigned, key: assessor, purpose: .assertionMethod, created: Date(timeIntervalSince1970: 1_795_000_000))
            return Self.statement(learner: learner, activity: outcome.id, attestation: signed)
        }
    }

    /// Everything `learner`'s device would pull from the start.
    func pullAll(_ learner: String, device: String = HubFixtures.pcB.rawValue, replica: ReplicaID = HubFixtures.pcB) throws -> PullResponse.Partition? {
        try store.link(device: device, learner: learner)
        return try store.pull(PullRequest(replica: replica, limit: 10_000, partitions: [PullRequest.Cursor(learner: learner, since: 0)]), device: device).partitions.first
    }
}
