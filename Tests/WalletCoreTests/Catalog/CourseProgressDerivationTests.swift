import Foundation
import Testing
import WalletAPI
import Catalog
import Basics
@testable import WalletCore

@Suite("Catalog: course progress derivation")
struct CourseProgressDerivationTests {
    static let a1 = "https://catalog.vet-centre.example/courses/a/outcomes/1"
    static let a2 = "https://catalog.vet-centre.example/courses/a/outcomes/2"
    static let b1 = "https://catalog.vet-centre.example/courses/b/outcomes/1"

    func activity(_ id: String, attempted: Bool = true, completed: Bool = false, passed: Bool = false, failed: Bool = false,
                  score: Double? = nil, last: String? = "2026-11-22T09:00:00.000Z") -> ActivityProgress {
        ActivityProgress(activity: id, name: nil, attempted: attempted, completed: completed, passed: passed, failed: failed,
                         bestScaledScore: score, lastActivity: last, statementCount: 1)
    }

    @Test func nothingDoneIsNotStartedEverywhere() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let courses = CourseProgressDerivation.derive(catalog: catalog, activities: [])
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

    @Test func passedAndCompletedAreAchieved() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let courses = CourseProgressDerivation.derive(catalog: catalog, activities: [
            activity(Self.a1, passed: true, score: 0.85, last: "2026-11-20T10:00:00.000Z"),
            activity(Self.a2, completed: true),
            activity(Self.b1, completed: true, passed: true),
        ])
        #expect(courses.map(\.achieved) == [2, 1])
        #expect(courses[0].outcomes.map(\.state) == ["passed", "completed"])
        #expect(courses[0].outcomes[0].bestScaledScore == 0.85)
        #expect(courses[0].outcomes[0].lastActivity == "2026-11-20T10:00:00.000Z")
        #expect(courses[0].outcomes.allSatisfy { $0.isAchieved })
    }

    @Test func attemptedAndFailedAreNotAchieved() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let courses = CourseProgressDerivation.derive(catalog: catalog, activities: [
            activity(Self.a1),
            activity(Self.a2, completed: true, failed: true, score: 0.4),
            activity(Self.b1, attempted: false, last: nil),
        ])
        #expect(courses[0].outcomes.map(\.state) == ["attempted", "failed"])
        #expect(courses[0].outcomes[1].bestScaledScore == 0.4)
        #expect(courses[1].outcomes.map(\.state) == ["not started"])
        #expect(courses.map(\.achieved) == [0, 0])
        #expect(courses.map(\.total) == [2, 1])
    }

    @Test func passedAfterFailingIsAchieved() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let courses = CourseProgressDerivation.derive(catalog: catalog, activities: [
            activity(Self.b1, passed: true, failed: true, score: 0.9),
        ])
        #expect(courses[1].outcomes[0].state == "passed")
        #expect(courses[1].achieved == 1)
        #expect(courses[0].achieved == 0)
    }

    @Test func activitiesOutsideTheCatalogAreLeftOut() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let courses = CourseProgressDerivation.derive(catalog: catalog, activities: [
            activity("https://catalog.vet-centre.example/courses/a", passed: true),
            activity("https://other.example/activity/1", passed: true),
            activity(Self.a1.uppercased(), passed: true),
        ])
        #expect(courses.map(\.achieved) == [0, 0])
        #expect(courses.flatMap(\.outcomes).allSatisfy { $0.state == "not started" })
    }

    @Test func keepsCatalogOrderWhateverTheActivityOrder() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let activities = [activity(Self.b1, passed: true), activity(Self.a2, completed: true), activity(Self.a1)]
        let forward = CourseProgressDerivation.derive(catalog: catalog, activities: activities)
        let backward = CourseProgressDerivation.derive(catalog: catalog, activities: activities.reversed())
        #expect(forward == backward)
        #expect(forward.map(\.course.id) == catalog.courses.map(\.id))
        #expect(forward[0].outcomes.map(\.id) == [Self.a1, Self.a2])
    }

    @Test func anEmptyCatalogGivesNoCourses() {
        #expect(CourseProgressDerivation.derive(catalog: CourseCatalog(courses: []), activities: [activity(Self.a1, passed: true)]).isEmpty)
    }

    @Test func sampleCatalogFromStatements() throws {
        let catalog = try CourseCatalog.parse(CatalogFixtures.sampleData())
        let forklift = try #require(catalog.courses.first)
        let outcomes = forklift.learningOutcomes.map(\.id)
        let statements: [JSONValue] = [
            statement("passed", outcomes[0], scaled: 0.85),
            statement("completed", outcomes[1]),
            statement("failed", outcomes[2], scaled: 0.4),
        ]
        let courses = CourseProgressDerivation.derive(catalog: catalog, activities: ProgressDerivation.derive(from: statements))
        #expect(courses.count == 3)
        #expect(courses[0].outcomes.prefix(4).map(\.state) == ["passed", "completed", "failed", "not started"])
        #expect(courses[0].achieved == 2)
        #expect(courses[0].total == forklift.learningOutcomes.count)
        #expect(courses[1].achieved == 0 && courses[2].achieved == 0)
    }

    func statement(_ verb: String, _ activity: String, scaled: Double? = nil) -> JSONValue {
        var fields: [String: JSONValue] = [
            "actor": ["mbox": "mailto:ana@example.org"],
            "verb": ["id": .string("http://adlnet.gov/expapi/verbs/\(verb)")],
            "object": ["objectType": "Activity", "id": .string(activity)],
            "timestamp": "2026-11-22T09:00:00.000Z",
        ]
        if let scaled { fields["result"] = ["score": ["scaled": .number(scaled)]] }
        return .object(fields)
    }
}
