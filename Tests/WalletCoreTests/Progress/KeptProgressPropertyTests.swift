import Foundation
import GRDB
import Testing
import Basics
import Catalog
import Credentials
import SecurityPrimitives
import SyncEngine
import TestSupport
import WalletAPI
@testable import WalletCore

/// Issue 14's property: over random histories, the progress walletd keeps as statements arrive
/// equals a derivation from scratch over every active statement (`keptProgressDifferences`), for
/// any catalog and any trust list read afterwards.
///
/// A history is two learners' statements — passes, fails, scores raw and scaled, names in
/// several languages, timestamps equal in instant but not in text or unreadable, other people's
/// statements, voids of statements delivered before or after them, voids of voids, attestations
/// valid, tampered, failed, for another learner or DID — delivered in a random order, written on
/// this PC (`insertStatements`, batches) or pulled (`applyPulled`, partitions), some twice, some
/// by both paths. Then three random catalogs (outcomes drawn from the same activities,
/// self-assessed or supervised, two awarding bodies) with three random trust lists are checked.
@Suite("Kept progress equals derived progress")
struct KeptProgressPropertyTests {
    static let histories = 1_000
    static let historiesPerStore = 100
    static let activities = (1...5).map { "https://courses.example/lo/\($0)" }
    static let courses = ["https://courses.example/c/1", "https://courses.example/c/2", "https://courses.example/c/3"]
    static let bodies = ["Body A", "Body B"]
    static let timestamps: [String?] = [nil, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00+01:00", "2026-11-20T10:00:00.000Z",
                                        "2026-11-21T08:30:00Z", "2026-11-19T23:59:59.999Z", "not a time"]
    static let names: [JSONValue?] = [nil, ["en-US": "Hygiene"], ["en": "Hygiene basics"], ["de": "Hygiene (de)"], ["en-US": "Allergens"]]
    static let verbs = ["passed", "failed", "completed", "attempted", "experienced", "answered"]

    let assessors = (0..<3).map { _ in SigningKey.generate() }

    @Test func keptEqualsDerivedOverRandomHistories() async throws {
        let pin = try PINHash.make(pin: "123400", cost: ScryptCost(logN: 10), salt: Data(repeating: 7, count: 16))
        var checked = 0
        var reached: [AssessmentType: Int] = [:]
        for first in stride(from: 0, to: Self.histories, by: Self.historiesPerStore) {
            let directory = NSTemporaryDirectory() + "kept-progress-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let store = try WalletStore(directory: directory, durability: .normal)
            let sync = try WalletSyncStore(store: store, nowMs: { 1_790_000_000_000 })
            for index in first..<min(first + Self.historiesPerStore, Self.histories) {
                var random = SplitMix(seed: UInt64(index) &* 0x9E37_79B9 &+ 14)
                var history = History(index: index, assessors: assessors)
                for learner in history.learners {
                    try await store.insertLearner(Learner(id: learner.id, name: "L\(index)", pin: pin, createdMs: 1,
                                                          holderKey: WireHolderKey(did: learner.did, sealed: "-", salt: "-", cost: ScryptCost(logN: 10))))
                }
                let deliveries = try history.deliveries(&random)
                var next = 1
                for delivery in deliveries {
                    switch delivery.path {
                    case .written:
                        do {
                            _ = try await store.insertStatements(delivery.statements, learnerID: delivery.learner, authority: ["mbox": "mailto:pc@example.org"],
                                                                 version: "2.0.0", nowMs: 1_790_000_000_000 + Int64(next))
                        } catch is StatementWriteError {
                            // The same id already stored with other content: refused, as on the socket.
                        }
                    case .pulled:
                        let wire = delivery.statements.map { WireStatement(id: $0["id"]?.stringValue ?? "", json: $0.encodedString) }
                        try sync.applyPulled(PullResponse.Partition(learner: delivery.learner, statements: wire, records: [], next: Int64(next), more: false))
                    }
                    next += 1
                }
                for _ in 0..<3 {
                    let catalog = Self.catalog(&random)
                    let registered = Self.registered(assessors, &random)
                    for learner in history.learners {
                        let differences = try store.keptProgressDifferences(learnerID: learner.id, catalog: catalog, assessors: registered)
                        #expect(differences.isEmpty, "history \(index): \(differences.joined(separator: "\n"))")
                        if !differences.isEmpty { return }
                        // What the histories reach, so that the property is not vacuous.
                        let learnerDID = learner.did
                        for course in try store.courseProgress(learnerID: learner.id, catalog: catalog, learnerDID: learnerDID, assessors: registered) {
                            reached[course.course.assessment, default: 0] += course.achieved
                        }
                    }
                }
                checked += 1
            }
            // The migration's rebuild from the statements gives the very rows kept one by one.
            let before = try store.keptRows()
            try store.writeNow { db in try KeptProgress.rebuild(db: db) }
            #expect(try store.keptRows() == before, "rebuilding from the statements changed the kept rows")
            // A forgotten learner's kept progress leaves with them.
            let forgotten = "learner-\(first)-0"
            #expect(before.contains { $0.hasPrefix(forgotten + "|") })
            _ = try store.forgetLearner(id: forgotten, force: true)
            #expect(try !store.keptRows().contains { $0.hasPrefix(forgotten + "|") })
        }
        #expect(checked == Self.histories)
        #expect(reached[.supervised, default: 0] > 100 && reached[.selfAssessed, default: 0] > 100, "\(reached)")
    }

    static func catalog(_ random: inout SplitMix) -> CourseCatalog {
        CourseCatalog(courses: courses.map { id in
            var outcomes = random.subset(activities)
            if outcomes.isEmpty { outcomes = [random.pick(activities)] }
            return Course(id: id, title: "Course", description: "A course.", language: "en", eqfLevel: 3, ectsCredits: 1,
                          learningOutcomes: outcomes.map { LearningOutcome(id: $0, text: "Does \($0).") },
                          assessment: random.chance(0.5) ? .supervised : .selfAssessed, participation: .onsite,
                          qualityAssurance: "QA", awardingBody: AwardingBody(name: random.pick(bodies), country: "AT"))
        })
    }

    static func registered(_ keys: [SigningKey], _ random: inout SplitMix) -> [RegisteredAssessor] {
        keys.flatMap { key in bodies.compactMap { body in random.chance(0.4) ? RegisteredAssessor(did: key.didKey.did, awardingBody: body) : nil } }
    }
}

/// One random history: what two learners' statements are, and how they reach the PC.
struct History {
    struct LearnerKeys { let id: String; let did: String }
    enum Path { case written, pulled }
    struct Delivery { let learner: String; let statements: [JSONValue]; let path: Path }

    let index: Int
    let assessors: [SigningKey]
    let learners: [LearnerKeys]

    init(index: Int, assessors: [SigningKey]) {
        self.index = index
        self.assessors = assessors
        learners = (0..<2).map { n in LearnerKeys(id: "learner-\(index)-\(n)", did: SigningKey.generate().didKey.did) }
    }

    mutating func deliveries(_ random: inout SplitMix) throws -> [Delivery] {
        var made: [(learner: String, statement: JSONValue)] = []
        var ids: [String] = []
        for _ in 0..<random.int(3...24) {
            let learner = random.pick(learners)
            let id = random.uuid()
            let statement: JSONValue
            switch random.int(0...9) {
            case 0 where !ids.isEmpty || random.chance(0.5):
                // A void: of a statement before or after it in delivery order, sometimes of a
                // void (which changes nothing) or of an id never seen.
                statement = Self.voiding(id: id, target: random.chance(0.85) && !ids.isEmpty ? random.pick(ids) : random.uuid(), learner: learner.id)
            case 1:
                statement = try attestation(id: id, about: learner, &random)
            default:
                statement = Self.plain(id: id, learner: learner, others: learners, &random)
            }
            ids.append(id)
            made.append((learner.id, statement))
        }
        var deliveries: [Delivery] = []
        var queue = random.shuffled(made)
        // Some statements come twice, by the same path or the other one.
        queue += random.subset(made, p: 0.15)
        queue = random.shuffled(queue)
        var position = 0
        while position < queue.count {
            let learner = queue[position].learner
            var batch: [JSONValue] = []
            let size = random.int(1...4)
            while position < queue.count, batch.count < size, queue[position].learner == learner {
                let statement = queue[position].statement
                if !batch.contains(where: { $0["id"] == statement["id"] }) { batch.append(statement) }
                position += 1
            }
            if batch.isEmpty { position += 1; continue }
            deliveries.append(Delivery(learner: learner, statements: batch, path: random.chance(0.5) ? .written : .pulled))
        }
        return deliveries
    }

    static func plain(id: String, learner: LearnerKeys, others: [LearnerKeys], _ random: inout SplitMix) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(id),
            "verb": ["id": .string("http://adlnet.gov/expapi/verbs/" + random.pick(KeptProgressPropertyTests.verbs))],
        ]
        switch random.int(0...9) {
        case 0: fields["actor"] = ["objectType": "Agent", "mbox": "mailto:someone@example.org"]
        case 1: fields["actor"] = XAPI.learnerAgent(id: random.pick(others).id, name: "Other")
        default: fields["actor"] = XAPI.learnerAgent(id: learner.id, name: "Learner")
        }
        if random.chance(0.05) {
            fields["object"] = ["objectType": "Agent", "mbox": "mailto:object@example.org"]
        } else {
            var object: [String: JSONValue] = ["id": .string(random.pick(KeptProgressPropertyTests.activities))]
            if random.chance(0.7) { object["objectType"] = "Activity" }
            if let name = random.pick(KeptProgressPropertyTests.names) { object["definition"] = ["name": name] }
            fields["object"] = .object(object)
        }
        if let timestamp = random.pick(KeptProgressPropertyTests.timestamps) { fields["timestamp"] = .string(timestamp) }
        var result: [String: JSONValue] = [:]
        if random.chance(0.4) { result["success"] = .bool(random.chance(0.5)) }
        if random.chance(0.3) { result["completion"] = .bool(random.chance(0.5)) }
        switch random.int(0...4) {
        case 0: result["score"] = ["scaled": .number(random.pick([-1, -0.5, 0.25, 0.5, 0.85, 1]))]
        case 1: result["score"] = ["raw": .number(Double(random.int(0...20))), "min": 0, "max": 20]
        case 2: result["score"] = ["raw": 5, "min": 10, "max": 20]   // raw outside min…max: no scaled score
        default: break
        }
        if !result.isEmpty { fields["result"] = .object(result) }
        return .object(fields)
    }

    static func voiding(id: String, target: String, learner: String) -> JSONValue {
        ["id": .string(id), "actor": XAPI.learnerAgent(id: learner, name: "Learner"),
         "verb": ["id": .string(XAPI.Verb.voided)], "object": ["objectType": "StatementRef", "id": .string(target)]]
    }

    /// A statement carrying an assessor's attestation: mostly valid, sometimes failed, about
    /// another learner or DID, or tampered with after signing.
    func attestation(id: String, about learner: LearnerKeys, _ random: inout SplitMix) throws -> JSONValue {
        let key = random.pick(assessors)
        let attested = OutcomeAttestation(learnerDID: random.chance(0.85) ? learner.did : learners[0].did,
                                          learnerID: random.chance(0.9) ? learner.id : "someone-else",
                                          course: random.pick(KeptProgressPropertyTests.courses),
                                          outcome: random.pick(KeptProgressPropertyTests.activities),
                                          passed: random.chance(0.85), score: 0.8, note: "observed")
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        var signed = try DataIntegrity.sign(attested.unsignedCredential(id: "urn:uuid:\(UUID())", assessor: key.didKey, validFrom: now),
                                            key: key, purpose: .assertionMethod, created: now)
        if random.chance(0.1), case .object(var document) = signed, case .object(var subject) = document["credentialSubject"] {
            subject["note"] = "changed after signing"
            document["credentialSubject"] = .object(subject)
            signed = .object(document)
        }
        return ["id": .string(id), "actor": XAPI.learnerAgent(id: learner.id, name: "Learner"),
                "verb": ["id": .string(XAPI.Verb.passed)],
                "object": ["objectType": "Activity", "id": .string(attested.outcome)],
                "timestamp": .string(random.pick(KeptProgressPropertyTests.timestamps.compactMap { $0 })),
                "result": ["success": true, "extensions": .object([OutcomeAttestation.attestationExtension: signed])]]
    }
}

extension WalletStore {
    /// Every kept row, in a fixed order, as text: for comparing the kept tables whole.
    func keptRows() throws -> [String] {
        try readNow { db in
            try String.fetchAll(db, sql: """
                SELECT learner_id || '|' || activity_id || '|' || statements || '|' || completed || passed || failed || '|'
                  || IFNULL(best_scaled, '-') || '|' || IFNULL(latest, '-') || '|' || IFNULL(name, '-') || '|' || IFNULL(name_moment, '-')
                FROM activity_tally ORDER BY learner_id, activity_id
                """) + String.fetchAll(db, sql: """
                SELECT t.learner_id || '|' || t.activity_id || '|' || m.seq FROM tally_statement m JOIN activity_tally t ON t.id = m.tally_id
                ORDER BY t.learner_id, t.activity_id, m.seq
                """) + String.fetchAll(db, sql: """
                SELECT learner_id || '|' || outcome_id || '|' || kind || '|' || statement_id || '|' || seq || '|' || IFNULL(course_id, '-')
                  || '|' || IFNULL(learner_did, '-') || '|' || IFNULL(assessor_did, '-')
                FROM outcome_evidence ORDER BY learner_id, outcome_id, kind, statement_id, seq
                """)
        }
    }
}
