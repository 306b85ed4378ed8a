import Foundation
import Testing
import WalletAPI
import Catalog
import Credentials
import Basics
@testable import WalletCore

/// Course A of the base catalog is supervised (Body A), course B self-assessed (Body B).
@Suite("Catalog: course progress derivation")
struct CourseProgressDerivationTests {
    static let a1 = "https://catalog.vet-centre.example/courses/a/outcomes/1"
    static let a2 = "https://catalog.vet-centre.example/courses/a/outcomes/2"
    static let b1 = "https://catalog.vet-centre.example/courses/b/outcomes/1"
    static let learnerID = "ana"
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    let holder = SigningKey.generate()
    let assessor = SigningKey.generate()
    var registered: [RegisteredAssessor] { [RegisteredAssessor(did: assessor.didKey.did, awardingBody: "Body A")] }

    func derive(_ catalog: CourseCatalog, _ statements: [JSONValue], assessors: [RegisteredAssessor] = [],
                learnerDID: String? = nil) -> [CourseProgress] {
        CourseProgressDerivation.derive(catalog: catalog, statements: statements, learnerID: Self.learnerID,
                                        learnerDID: learnerDID ?? holder.didKey.did, assessors: assessors)
    }

    @Test func nothingDoneIsNotStartedEverywhere() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let courses = derive(catalog, [], assessors: registered)
        #expect(courses == CourseProgressDerivation.withoutProgress(catalog: catalog))
        #expect(courses.map(\.course) == catalog.courses)
        #expect(courses.map(\.total) == [2, 1])
        #expect(courses.map(\.achieved) == [0, 0])
        for entry in courses {
            #expect(entry.outcomes.map(\.id) == entry.course.learningOutcomes.map(\.id))
            #expect(entry.outcomes.allSatisfy { $0.state == "not started" && $0.bestScaledScore == nil && $0.lastActivity == nil })
        }
        let first = try #require(courses.first?.outcomes.first)
        #expect(first == OutcomeProgress(id: Self.a1, text: "Does the first thing.",
                                         escoSkill: "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da",
                                         state: "not started", bestScaledScore: nil, lastActivity: nil))
    }

    @Test func selfAssessedPassedOrCompletedIsAchieved() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        var courses = derive(catalog, [statement("passed", Self.b1, scaled: 0.85, at: "2026-11-20T10:00:00.000Z")])
        #expect(courses[1].outcomes.map(\.state) == ["passed"] && courses[1].achieved == 1)
        #expect(courses[1].outcomes[0].bestScaledScore == 0.85)
        #expect(courses[1].outcomes[0].lastActivity == "2026-11-20T10:00:00.000Z")
        courses = derive(catalog, [statement("completed", Self.b1)])
        #expect(courses[1].outcomes.map(\.state) == ["completed"] && courses[1].achieved == 1)
        // Another verb that records success counts as the issuance rule counts it.
        courses = derive(catalog, [statement("experienced", Self.b1, success: true)])
        #expect(courses[1].outcomes.map(\.state) == ["passed"] && courses[1].achieved == 1)
    }

    /// The one rule: the learner's own passed is not enough for a supervised outcome, with or
    /// without a trust list; it waits for an assessor.
    @Test func aSupervisedOutcomePassedByTheLearnerAloneAwaitsAssessment() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let own = [statement("passed", Self.a1, scaled: 0.9), statement("completed", Self.a2)]
        for assessors in [[], registered] {
            let courses = derive(catalog, own, assessors: assessors)
            #expect(courses[0].outcomes.map(\.state) == [OutcomeProgress.awaitingAssessment, OutcomeProgress.awaitingAssessment])
            #expect(courses[0].achieved == 0 && !courses[0].outcomes.contains(where: \.isAchieved))
            #expect(courses[0].outcomes[0].bestScaledScore == 0.9, "the learner's own score still shows")
        }
    }

    @Test func aSupervisedOutcomeIsAchievedOnceARegisteredAssessorAttests() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let course = catalog.courses[0]
        let statements = [statement("passed", Self.a1), statement("passed", Self.a2), try attested(course, outcome: 0, by: assessor)]
        let courses = derive(catalog, statements, assessors: registered)
        #expect(courses[0].outcomes.map(\.state) == ["passed", OutcomeProgress.awaitingAssessment])
        #expect(courses[0].achieved == 1)

        // Not without the trust list's registration, not by a stranger, not without the learner's DID.
        #expect(derive(catalog, statements).first?.achieved == 0, "no trust list yet")
        #expect(derive(catalog, statements, assessors: [RegisteredAssessor(did: assessor.didKey.did, awardingBody: "Body B")]).first?.achieved == 0)
        let stranger = [try attested(course, outcome: 0, by: SigningKey.generate())]
        #expect(derive(catalog, stranger, assessors: registered).first?.outcomes[0].state == OutcomeProgress.awaitingAssessment)
        #expect(derive(catalog, statements, assessors: registered, learnerDID: SigningKey.generate().didKey.did).first?.achieved == 0)

        // Both attested: the course is complete, as the repository would issue it.
        let complete = derive(catalog, statements + [try attested(course, outcome: 1, by: assessor)], assessors: registered)
        #expect(complete[0].achieved == 2 && complete[0].outcomes.allSatisfy(\.isAchieved))
    }

    @Test func attemptedAndFailedAreNotAchieved() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let courses = derive(catalog, [statement("attempted", Self.a1), statement("failed", Self.a2, scaled: 0.4), statement("failed", Self.b1)],
                             assessors: registered)
        #expect(courses[0].outcomes.map(\.state) == ["attempted", "failed"])
        #expect(courses[0].outcomes[1].bestScaledScore == 0.4)
        #expect(courses[1].outcomes.map(\.state) == ["failed"])
        #expect(courses.map(\.achieved) == [0, 0])
        #expect(courses.map(\.total) == [2, 1])
    }

    @Test func passedAfterFailingIsAchieved() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let courses = derive(catalog, [statement("failed", Self.b1, scaled: 0.3), statement("passed", Self.b1, scaled: 0.9)])
        #expect(courses[1].outcomes[0].state == "passed" && courses[1].outcomes[0].bestScaledScore == 0.9)
        #expect(courses[1].achieved == 1)
        #expect(courses[0].achieved == 0)
    }

    @Test func anotherLearnersPassIsNotTheLearnersAchievement() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        var bens = statement("passed", Self.b1)
        if case .object(var fields) = bens {
            fields["actor"] = XAPI.learnerAgent(id: "ben", name: "Ben")
            bens = .object(fields)
        }
        let courses = derive(catalog, [bens])
        #expect(courses[1].achieved == 0 && courses[1].outcomes[0].state == "attempted")
    }

    @Test func activitiesOutsideTheCatalogAreLeftOut() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let courses = derive(catalog, [
            statement("passed", "https://catalog.vet-centre.example/courses/b"),
            statement("passed", "https://other.example/activity/1"),
            statement("passed", Self.b1.uppercased()),
        ])
        #expect(courses.map(\.achieved) == [0, 0])
        #expect(courses.flatMap(\.outcomes).allSatisfy { $0.state == "not started" })
    }

    @Test func keepsCatalogOrderWhateverTheStatementOrder() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let statements = [statement("passed", Self.b1), try attested(catalog.courses[0], outcome: 1, by: assessor), statement("attempted", Self.a1)]
        let forward = derive(catalog, statements, assessors: registered)
        let backward = derive(catalog, statements.reversed(), assessors: registered)
        #expect(forward == backward)
        #expect(forward.map(\.course.id) == catalog.courses.map(\.id))
        #expect(forward[0].outcomes.map(\.id) == [Self.a1, Self.a2])
        #expect(forward[0].outcomes.map(\.state) == ["attempted", "passed"] && forward.map(\.achieved) == [1, 1])
    }

    @Test func anEmptyCatalogGivesNoCourses() {
        #expect(derive(CourseCatalog(courses: []), [statement("passed", Self.a1)]).isEmpty)
    }

    @Test func sampleCatalogFromStatements() throws {
        let catalog = try CourseCatalog.parse(CatalogFixtures.sampleData())
        let forklift = try #require(catalog.courses.first)
        let hygiene = try #require(catalog.courses.last)
        #expect(forklift.assessment == .supervised && hygiene.assessment == .selfAssessed)
        let outcomes = forklift.learningOutcomes.map(\.id)
        let statements: [JSONValue] = [
            statement("passed", outcomes[0], scaled: 0.85),
            statement("completed", outcomes[1]),
            statement("failed", outcomes[2], scaled: 0.4),
            statement("passed", hygiene.learningOutcomes[0].id),
        ]
        let courses = derive(catalog, statements)
        #expect(courses.count == 3)
        #expect(courses[0].outcomes.prefix(4).map(\.state) == [OutcomeProgress.awaitingAssessment, OutcomeProgress.awaitingAssessment, "failed", "not started"])
        #expect(courses[0].achieved == 0 && courses[0].total == forklift.learningOutcomes.count)
        #expect(courses[1].achieved == 0)
        #expect(courses[2].achieved == 1 && courses[2].outcomes[0].state == "passed")
    }

    func statement(_ verb: String, _ activity: String, scaled: Double? = nil, success: Bool? = nil,
                   at timestamp: String = "2026-11-22T09:00:00.000Z") -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(UUID().uuidString.lowercased()),
            "actor": ["mbox": "mailto:ana@example.org"],
            "verb": ["id": .string(XAPI.verbs[verb] ?? "http://adlnet.gov/expapi/verbs/\(verb)")],
            "object": ["objectType": "Activity", "id": .string(activity)],
            "timestamp": .string(timestamp),
        ]
        var result: [String: JSONValue] = [:]
        if let scaled { result["score"] = ["scaled": .number(scaled)] }
        if let success { result["success"] = .bool(success) }
        if !result.isEmpty { fields["result"] = .object(result) }
        return .object(fields)
    }

    /// The statement walletd stores when `by` signs off outcome `outcome` of `course` for Ana.
    func attested(_ course: Course, outcome: Int, by key: SigningKey) throws -> JSONValue {
        let target = course.learningOutcomes[outcome]
        let unsigned = OutcomeAttestation(learnerDID: holder.didKey.did, learnerID: Self.learnerID, course: course.id, outcome: target.id,
                                          passed: true, score: 0.8, note: nil)
            .unsignedCredential(id: "urn:uuid:\(UUID())", assessor: key.didKey, validFrom: Self.now)
        let signed = try DataIntegrity.sign(unsigned, key: key, purpose: .assertionMethod, created: Self.now)
        return AttestationStatement.make(id: UUID(), attestation: signed, learner: (Self.learnerID, "Ana"), assessor: ("bo", "Bo"),
                                         course: course, outcome: target, passed: true, score: 0.8, timestamp: "2026-11-23T09:00:00.000Z")
    }
}
