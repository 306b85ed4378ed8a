import Foundation
import Testing
import WalletAPI
import Catalog
import Basics
@testable import WalletCore

@Suite("Catalog: parsing and the sample catalog")
struct CourseCatalogParsingTests {
    @Test func sampleCatalogParses() throws {
        let catalog = try CourseCatalog.parse(CatalogFixtures.sampleData())
        #expect(catalog.courses.count == 3)
        for course in catalog.courses {
            #expect(course.id.hasPrefix("https://catalog.vet-centre.example/courses/"))
            #expect((3...5).contains(course.learningOutcomes.count), "\(course.id)")
            #expect((1...3).contains(course.ectsCredits), "\(course.id)")
            #expect(course.workloadHours != nil, "\(course.id)")
            for outcome in course.learningOutcomes {
                #expect(outcome.id.hasPrefix(course.id + "/outcomes/"))
                if let skill = outcome.escoSkill { #expect(skill.hasPrefix("http://data.europa.eu/esco/skill/")) }
            }
            if let url = course.awardingBody.url { #expect(url.hasSuffix(".example")) }
        }
        #expect(catalog.courses.map(\.eqfLevel) == [3, 4, 2])
        #expect(catalog.courses.contains { $0.assessment == .supervised })
        #expect(catalog.courses.contains { $0.assessment == .selfAssessed })
        #expect(Set(catalog.courses.map(\.participation)) == Set(ParticipationForm.allCases))
        #expect(Set(catalog.courses.map(\.awardingBody.country)).count == 3)
        #expect(catalog.courses.contains { $0.ecvetPoints != nil })
        #expect(catalog.courses.contains { $0.ecvetPoints == nil })
        #expect(catalog.courses.flatMap(\.learningOutcomes).contains { $0.escoSkill != nil })
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: CatalogFixtures.packageSamplePath),
                   "catalog/sample-catalog.json is not reachable from the test source"))
    func testCopyEqualsPackageSample() throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: CatalogFixtures.packageSamplePath))
        #expect(try CatalogFixtures.sampleData() == original,
                "Tests/WalletCoreTests/Fixtures/catalog/sample-catalog.json must be a copy of catalog/sample-catalog.json")
    }

    @Test func sampleVersionIsWhatTheRepositoryPublishes() throws {
        // repositoryd versions the canonical JSON of the file as read; the model's canonical JSON
        // must be the same bytes for the sample (no unknown keys, no nulls).
        let data = try CatalogFixtures.sampleData()
        let catalog = try CourseCatalog.parse(data)
        #expect(catalog.canonicalJSON == (try JSONValue(data: data)).canonicalData())
    }

    @Test func decodesEveryField() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let a = try #require(catalog.courses.first)
        #expect(a == Course(
            id: "https://catalog.vet-centre.example/courses/a", title: "Course A", description: "The first course.",
            language: "en", eqfLevel: 3, ectsCredits: 2, ecvetPoints: 2,
            learningOutcomes: [
                LearningOutcome(id: "https://catalog.vet-centre.example/courses/a/outcomes/1", text: "Does the first thing.",
                                escoSkill: "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"),
                LearningOutcome(id: "https://catalog.vet-centre.example/courses/a/outcomes/2", text: "Does the second thing."),
            ],
            assessment: .supervised, participation: .onsite,
            qualityAssurance: "Internal QA of the awarding body, externally audited under EQAVET.",
            awardingBody: AwardingBody(name: "Body A", country: "AT", url: "https://body-a.example"), workloadHours: 50))
        let b = try #require(catalog.courses.last)
        #expect(b.ecvetPoints == nil && b.workloadHours == nil && b.awardingBody.url == nil)
        #expect(b.assessment == .selfAssessed && b.participation == .online && b.language == "de-AT")
    }

    @Test func unknownKeysAreIgnored() throws {
        let value = try CatalogFixtures.base()
            .setting("publisher", to: "VET centre")
            .setting("courses[0].x-internal-code", to: ["LOG-3", 7])
            .setting("courses[0].learningOutcomes[0].weight", to: 2)
            .setting("courses[0].awardingBody.vat", to: "ATU12345678")
        #expect(try CourseCatalog.parse(value.encoded()) == CatalogFixtures.baseCatalog())
    }

    @Test func optionalFieldsMayBeNull() throws {
        let value = try CatalogFixtures.base()
            .setting("courses[0].ecvetPoints", to: JSONValue.null)
            .setting("courses[0].workloadHours", to: JSONValue.null)
            .setting("courses[0].awardingBody.url", to: JSONValue.null)
            .setting("courses[0].learningOutcomes[0].escoSkill", to: JSONValue.null)
        let course = try #require(try CourseCatalog.parse(value.encoded()).courses.first)
        #expect(course.ecvetPoints == nil && course.workloadHours == nil && course.awardingBody.url == nil)
        #expect(course.learningOutcomes[0].escoSkill == nil)
    }

    @Test func boundaryValuesAreAccepted() throws {
        let value = try CatalogFixtures.base()
            .setting("courses[0].eqfLevel", to: 1)
            .setting("courses[1].eqfLevel", to: 8)
            .setting("courses[0].ectsCredits", to: 60)
            .setting("courses[1].ectsCredits", to: 0.25)
            .setting("courses[0].language", to: "gsw-Latn-CH")
            .setting("courses[1].language", to: "es-419")
            .setting("courses[0].id", to: "urn:uuid:6b7c1b1e-7b55-4f7e-9a5e-6f5f3b0a2c11")
        #expect(throws: Never.self) { try CourseCatalog.parse(value.encoded()) }
    }

    @Test func encodesAndDecodesUnchanged() throws {
        let catalog = try CourseCatalog.parse(CatalogFixtures.sampleData())
        let again = try JSONDecoder().decode(CourseCatalog.self, from: JSONEncoder().encode(catalog))
        #expect(again == catalog)
        #expect(try CourseCatalog.parse(JSONEncoder().encode(catalog)) == catalog)
    }

    @Test func enumsUseTheirWireNames() throws {
        #expect(AssessmentType.allCases.map(\.rawValue) == ["supervised", "self-assessed"])
        #expect(ParticipationForm.allCases.map(\.rawValue) == ["onsite", "online", "blended"])
    }

    @Test func coursesResponseRoundTrips() throws {
        let catalog = try CatalogFixtures.baseCatalog()
        let response = CoursesResponse(learner: "5e1b3c1e-0000-4000-8000-000000000001", catalogVersion: catalog.version,
                                       courses: CourseProgressDerivation.withoutProgress(catalog: catalog))
        let again = try JSONDecoder().decode(CoursesResponse.self, from: JSONEncoder().encode(response))
        #expect(again == response)
        let empty = CoursesResponse(learner: nil, catalogVersion: nil, courses: [])
        #expect(try JSONDecoder().decode(CoursesResponse.self, from: JSONEncoder().encode(empty)) == empty)
    }
}
