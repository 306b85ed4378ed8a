import TestSupport
import Credentials
import Foundation
import Testing
import Catalog
import Basics

@Suite struct CourseEvidenceTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let body = AwardingBody(name: "Gastro-Akademie Rheinland", country: "DE", url: "https://gastro-akademie.example")
    static let otherBody = AwardingBody(name: "Escola de Évora", country: "PT")
    static let learnerID = "ana"

    static func course(_ assessment: AssessmentType, outcomes: Int = 3, body: AwardingBody = body, tag: String = "c") -> Course {
        Course(id: "https://catalog.example/courses/\(tag)-\(assessment.rawValue)", title: "Food hygiene", description: "Basics.", language: "de-AT",
               eqfLevel: 3, ectsCredits: 2,
               learningOutcomes: (0..<outcomes).map { LearningOutcome(id: "https://catalog.example/courses/\(tag)-\(assessment.rawValue)/lo/\($0)", text: "Outcome \($0)") },
               assessment: assessment, participation: .onsite, qualityAssurance: "Audited.", awardingBody: body)
    }

    static func statement(_ n: Int, verb: String = "passed", activity: String, actorName: String = learnerID, extensions: JSONValue? = nil,
                          result: JSONValue? = nil) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(String(format: "00000000-0000-4000-8000-%012x", n)),
            "actor": ["objectType": "Agent", "account": ["homePage": .string(XAPI.learnerAccountHomePage), "name": .string(actorName)]],
            "verb": ["id": .string("http://adlnet.gov/expapi/verbs/\(verb)")],
            "object": ["objectType": "Activity", "id": .string(activity)],
        ]
        var resultFields = result?.objectValue ?? [:]
        if let extensions { resultFields["extensions"] = .object([OutcomeAttestation.attestationExtension: extensions]) }
        if !resultFields.isEmpty { fields["result"] = .object(resultFields) }
        return .object(fields)
    }

    /// A signed attestation of `outcome`, by `assessor`, about `learner`.
    static func attestation(course: Course, outcome: String, assessor: SigningKey, learnerDID: String, learnerID: String = learnerID,
                            passed: Bool = true, signWith: SigningKey? = nil) throws -> JSONValue {
        let unsigned = OutcomeAttestation(learnerDID: learnerDID, learnerID: learnerID, course: course.id, outcome: outcome, passed: passed,
                                          score: nil, note: nil)
            .unsignedCredential(id: "urn:uuid:\(UUID())", assessor: assessor.didKey, validFrom: now)
        return try DataIntegrity.sign(unsigned, key: signWith ?? assessor, purpose: .assertionMethod, created: now)
    }

    @Test func selfAssessedCourseIsSatisfiedByAchievedStatementsOnEveryOutcome() {
        let course = Self.course(.selfAssessed)
        let ids = course.learningOutcomes.map(\.id)
        let statements = [
            Self.statement(1, verb: "passed", activity: ids[0]),
            Self.statement(2, verb: "completed", activity: ids[1]),
            Self.statement(3, verb: "attempted", activity: ids[2]),
        ]
        var satisfied = CourseEvidence.satisfiedOutcomes(course: course, statements: statements, learnerID: Self.learnerID, learnerDID: nil, assessors: [])
        #expect(Set(satisfied.keys) == [ids[0], ids[1]])
        // A later attempt that records success counts like the wallet's progress counts it.
        satisfied = CourseEvidence.satisfiedOutcomes(course: course, statements: statements + [Self.statement(4, verb: "experienced", activity: ids[2], result: ["success": true])],
                                                     learnerID: Self.learnerID, learnerDID: nil, assessors: [])
        #expect(Set(satisfied.keys) == Set(ids))
        #expect(satisfied[ids[0]] == .statement(id: String(format: "00000000-0000-4000-8000-%012x", 1)))
    }

    @Test func voidedStatementsAndOtherLearnersStatementsDoNotCount() {
        let course = Self.course(.selfAssessed, outcomes: 1)
        let id = course.learningOutcomes[0].id
        let passed = Self.statement(1, activity: id)
        let voiding: JSONValue = ["id": "00000000-0000-4000-8000-0000000000ff", "verb": ["id": .string(XAPI.Verb.voided)],
                                  "object": ["objectType": "StatementRef", "id": passed["id"] ?? .null]]
        #expect(CourseEvidence.satisfiedOutcomes(course: course, statements: [passed, voiding], learnerID: Self.learnerID, learnerDID: nil, assessors: []).isEmpty)
        let someoneElse = Self.statement(2, activity: id, actorName: "bob")
        #expect(CourseEvidence.satisfiedOutcomes(course: course, statements: [someoneElse], learnerID: Self.learnerID, learnerDID: nil, assessors: []).isEmpty)
    }

    @Test func supervisedCourseNeedsARegisteredAssessorsValidPass() throws {
        let course = Self.course(.supervised, outcomes: 2)
        let ids = course.learningOutcomes.map(\.id)
        let holder = SigningKey.generate().didKey.did
        let assessor = SigningKey.generate()
        let registered = [RegisteredAssessor(did: assessor.didKey.did, awardingBody: Self.body.name)]
        let statements = try ids.enumerated().map { i, outcome in
            Self.statement(i + 1, activity: outcome, extensions: try Self.attestation(course: course, outcome: outcome, assessor: assessor, learnerDID: holder))
        }
        let satisfied = CourseEvidence.satisfiedOutcomes(course: course, statements: statements, learnerID: Self.learnerID, learnerDID: holder, assessors: registered)
        #expect(Set(satisfied.keys) == Set(ids))
        #expect(satisfied[ids[0]] == .attestation(statementID: String(format: "00000000-0000-4000-8000-%012x", 1), assessorDID: assessor.didKey.did))
        // Plain passed statements are not enough for a supervised course.
        let plain = ids.enumerated().map { Self.statement($0 + 10, activity: $1) }
        #expect(CourseEvidence.satisfiedOutcomes(course: course, statements: plain, learnerID: Self.learnerID, learnerDID: holder, assessors: registered).isEmpty)
        // Nobody registered: nothing counts; without the holder DID nothing can be checked.
        #expect(CourseEvidence.satisfiedOutcomes(course: course, statements: statements, learnerID: Self.learnerID, learnerDID: holder, assessors: []).isEmpty)
        #expect(CourseEvidence.satisfiedOutcomes(course: course, statements: statements, learnerID: Self.learnerID, learnerDID: nil, assessors: registered).isEmpty)
    }

    @Test func aLaterFailDoesNotUndoAPass() throws {
        let course = Self.course(.supervised, outcomes: 1)
        let outcome = course.learningOutcomes[0].id
        let holder = SigningKey.generate().didKey.did
        let assessor = SigningKey.generate()
        let registered = [RegisteredAssessor(did: assessor.didKey.did, awardingBody: Self.body.name)]
        let pass = Self.statement(1, activity: outcome, extensions: try Self.attestation(course: course, outcome: outcome, assessor: assessor, learnerDID: holder))
        let fail = Self.statement(2, verb: "failed", activity: outcome,
                                  extensions: try Self.attestation(course: course, outcome: outcome, assessor: assessor, learnerDID: holder, passed: false))
        #expect(CourseEvidence.satisfiedOutcomes(course: course, statements: [pass, fail], learnerID: Self.learnerID, learnerDID: holder, assessors: registered).count == 1)
        #expect(CourseEvidence.satisfiedOutcomes(course: course, statements: [fail], learnerID: Self.learnerID, learnerDID: holder, assessors: registered).isEmpty)
    }

    enum Bad: CaseIterable { case forged, otherBody, wrongLearnerDID, wrongLearnerID, otherCourse, unregistered, tampered }

    /// Seeded: random mixes of valid and bad attestations in random order. The satisfied outcomes
    /// are exactly those with a valid one, whatever the order; a bad one never counts.
    @Test func orderDoesNotMatterAndBadAttestationsNeverCount() throws {
        var rng = SplitMix(seed: 4_2026)
        let course = Self.course(.supervised, outcomes: 4)
        let elsewhere = Self.course(.supervised, outcomes: 1, body: Self.otherBody, tag: "elsewhere")
        let holder = SigningKey.generate().didKey.did
        let assessor = SigningKey.generate(), stranger = SigningKey.generate(), foreign = SigningKey.generate()
        let registered = [RegisteredAssessor(did: assessor.didKey.did, awardingBody: Self.body.name),
                          RegisteredAssessor(did: foreign.didKey.did, awardingBody: Self.otherBody.name)]
        for round in 0..<60 {
            var statements: [JSONValue] = []
            var expected = Set<String>()
            var n = round * 100
            for outcome in course.learningOutcomes.map(\.id) {
                if Bool.random(using: &rng) {
                    n += 1
                    statements.append(Self.statement(n, activity: outcome, extensions: try Self.attestation(course: course, outcome: outcome, assessor: assessor, learnerDID: holder)))
                    expected.insert(outcome)
                }
                for _ in 0..<Int.random(in: 0...2, using: &rng) {
                    n += 1
                    let bad: JSONValue
                    switch Bad.allCases.randomElement(using: &rng) ?? .forged {
                    case .forged: bad = try Self.attestation(course: course, outcome: outcome, assessor: assessor, learnerDID: holder, signWith: stranger)
                    case .otherBody: bad = try Self.attestation(course: course, outcome: outcome, assessor: foreign, learnerDID: holder)
                    case .wrongLearnerDID: bad = try Self.attestation(course: course, outcome: outcome, assessor: assessor, learnerDID: SigningKey.generate().didKey.did)
                    case .wrongLearnerID: bad = try Self.attestation(course: course, outcome: outcome, assessor: assessor, learnerDID: holder, learnerID: "bob")
                    case .otherCourse: bad = try Self.attestation(course: elsewhere, outcome: outcome, assessor: assessor, learnerDID: holder)
                    case .unregistered: bad = try Self.attestation(course: course, outcome: outcome, assessor: stranger, learnerDID: holder)
                    case .tampered:
                        let good = try Self.attestation(course: course, outcome: course.learningOutcomes[0].id, assessor: assessor, learnerDID: holder, passed: false)
                        var fields = good.objectValue ?? [:]
                        var subject = fields["credentialSubject"]?.objectValue ?? [:]
                        subject["result"] = "passed"
                        subject["learningOutcome"] = .string(outcome)
                        fields["credentialSubject"] = .object(subject)
                        bad = .object(fields)
                    }
                    statements.append(Self.statement(n, activity: outcome, extensions: bad))
                }
            }
            let first = CourseEvidence.satisfiedOutcomes(course: course, statements: statements, learnerID: Self.learnerID, learnerDID: holder, assessors: registered)
            #expect(Set(first.keys) == expected, "round \(round)")
            let shuffled = CourseEvidence.satisfiedOutcomes(course: course, statements: statements.shuffled(using: &rng), learnerID: Self.learnerID,
                                                            learnerDID: holder, assessors: registered)
            #expect(shuffled == first, "round \(round): order changed the answer")
        }
    }
}
