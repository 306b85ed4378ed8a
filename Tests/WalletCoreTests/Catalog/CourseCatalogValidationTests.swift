import Foundation
import Testing
import WalletAPI
import Catalog
import Basics

@Suite("Catalog: validation errors name the field and what it must be")
struct CourseCatalogValidationTests {
    /// One change to the valid base catalog and the error it must give.
    struct Case: Sendable, CustomTestStringConvertible {
        var change: String
        var value: JSONValue?
        var path: String
        var says: String
        var testDescription: String { "\(change) = \(value.map { $0.encodedString } ?? "(removed)")" }

        init(_ change: String, _ value: JSONValue?, _ path: String, _ says: String) {
            self.change = change
            self.value = value
            self.path = path
            self.says = says
        }
    }

    static let iri = "absolute IRI such as https://"
    static let outcome0 = "courses[0].learningOutcomes[0]"

    static let cases: [Case] = [
        // Missing, null, wrong type, empty.
        Case("courses", nil, "courses", "is missing; it must be a list of courses"),
        Case("courses", "none", "courses", "must be a list of courses"),
        Case("courses", [], "courses", "lists no course"),
        Case("courses[0]", "a course", "courses[0]", "must be a course object"),
        Case("courses[0].id", nil, "courses[0].id", "is missing; it must be an \(iri)"),
        Case("courses[0].title", nil, "courses[0].title", "is missing; it must be a non-empty string"),
        Case("courses[0].title", JSONValue.null, "courses[0].title", "is null; it must be a non-empty string"),
        Case("courses[0].title", 5, "courses[0].title", "must be a non-empty string"),
        Case("courses[0].title", "  \n\t", "courses[0].title", "must not be empty"),
        Case("courses[0].description", "", "courses[0].description", "must not be empty"),
        Case("courses[0].description", nil, "courses[0].description", "is missing"),
        Case("courses[0].qualityAssurance", "", "courses[0].qualityAssurance", "must not be empty"),
        Case("courses[0].qualityAssurance", nil, "courses[0].qualityAssurance", "is missing; it must be a non-empty string"),
        Case("courses[0].learningOutcomes", nil, "courses[0].learningOutcomes", "is missing; it must be a list of at least one learning outcome"),
        Case("courses[0].learningOutcomes", [], "courses[0].learningOutcomes", "must list at least one learning outcome"),
        Case("courses[0].learningOutcomes[0]", 1, outcome0, "must be a learning outcome object"),
        Case("courses[0].learningOutcomes[0].text", "", "\(outcome0).text", "must not be empty"),
        Case("courses[0].learningOutcomes[0].text", nil, "\(outcome0).text", "is missing"),
        Case("courses[0].learningOutcomes[0].id", nil, "\(outcome0).id", "is missing; it must be an \(iri)"),
        Case("courses[0].awardingBody", nil, "courses[0].awardingBody", "is missing; it must be an object with name, country"),
        Case("courses[0].awardingBody", "Body A", "courses[0].awardingBody", "must be an object with name, country"),
        Case("courses[0].awardingBody.name", " ", "courses[0].awardingBody.name", "must not be empty"),
        Case("courses[0].awardingBody.name", nil, "courses[0].awardingBody.name", "is missing; it must be the awarding body's name"),
        Case("courses[0].awardingBody.country", nil, "courses[0].awardingBody.country", "is missing; it must be an ISO 3166-1 alpha-2 code"),
        // IRIs.
        Case("courses[0].id", "", "courses[0].id", "must be an \(iri)"),
        Case("courses[0].id", "forklift-safety", "courses[0].id", "must be an \(iri)"),
        Case("courses[0].id", "/courses/forklift-safety", "courses[0].id", "must be an \(iri)"),
        Case("courses[0].id", "https://catalog.vet-centre.example/forklift safety", "courses[0].id", "must be an \(iri)"),
        Case("courses[0].id", "https:", "courses[0].id", "must be an \(iri)"),
        Case("courses[0].id", ":forklift", "courses[0].id", "must be an \(iri)"),
        Case("courses[0].id", "1https://catalog.example/a", "courses[0].id", "must be an \(iri)"),
        Case("courses[0].id", "ht tp://catalog.example/a", "courses[0].id", "must be an \(iri)"),
        Case("courses[0].id", "https://catalog.example/<a>", "courses[0].id", "must be an \(iri)"),
        Case("courses[0].id", 42, "courses[0].id", "must be an \(iri)"),
        Case("courses[1].learningOutcomes[0].id", "outcome-1", "courses[1].learningOutcomes[0].id", "must be an \(iri)"),
        Case("courses[0].learningOutcomes[1].escoSkill", "operate forklift", "courses[0].learningOutcomes[1].escoSkill",
             "must be an ESCO skill URI such as http://data.europa.eu/esco/skill/"),
        Case("courses[0].learningOutcomes[1].escoSkill", "", "courses[0].learningOutcomes[1].escoSkill", "must be an ESCO skill URI"),
        Case("courses[0].awardingBody.url", "body-a.example", "courses[0].awardingBody.url", "must be an absolute URL such as https://"),
        // Uniqueness.
        Case("courses[1].id", "https://catalog.vet-centre.example/courses/a", "courses[1].id", "repeats the id of an earlier course"),
        Case("courses[0].learningOutcomes[1].id", "https://catalog.vet-centre.example/courses/a/outcomes/1",
             "courses[0].learningOutcomes[1].id", "repeats the id of courses[0].learningOutcomes[0]"),
        Case("courses[1].learningOutcomes[0].id", "https://catalog.vet-centre.example/courses/a/outcomes/2",
             "courses[1].learningOutcomes[0].id", "repeats the id of courses[0].learningOutcomes[1]; learning outcome ids must be unique in the whole catalog"),
        // Language tags.
        Case("courses[0].language", "", "courses[0].language", "must be a BCP 47 language tag such as en or de-AT"),
        Case("courses[0].language", "english", "courses[0].language", "must be a BCP 47 language tag"),
        Case("courses[0].language", "de_AT", "courses[0].language", "must be a BCP 47 language tag"),
        Case("courses[0].language", "de-", "courses[0].language", "must be a BCP 47 language tag"),
        Case("courses[0].language", "e", "courses[0].language", "must be a BCP 47 language tag"),
        Case("courses[0].language", "de-AT-verylongsubtag", "courses[0].language", "must be a BCP 47 language tag"),
        Case("courses[0].language", nil, "courses[0].language", "is missing; it must be a BCP 47 language tag"),
        // Numbers.
        Case("courses[0].eqfLevel", 0, "courses[0].eqfLevel", "must be an EQF level from 1 to 8"),
        Case("courses[0].eqfLevel", 9, "courses[0].eqfLevel", "must be an EQF level from 1 to 8"),
        Case("courses[0].eqfLevel", "3", "courses[0].eqfLevel", "must be an EQF level, a whole number from 1 to 8"),
        Case("courses[0].eqfLevel", 3.5, "courses[0].eqfLevel", "must be an EQF level, a whole number from 1 to 8"),
        Case("courses[0].eqfLevel", nil, "courses[0].eqfLevel", "is missing; it must be an EQF level"),
        Case("courses[0].ectsCredits", 0, "courses[0].ectsCredits", "must be more than 0 and at most 60 ECTS credits"),
        Case("courses[0].ectsCredits", -1, "courses[0].ectsCredits", "must be more than 0 and at most 60"),
        Case("courses[0].ectsCredits", 60.5, "courses[0].ectsCredits", "must be more than 0 and at most 60"),
        Case("courses[0].ectsCredits", "2", "courses[0].ectsCredits", "must be a number of ECTS credits"),
        Case("courses[0].ectsCredits", nil, "courses[0].ectsCredits", "is missing; it must be a number of ECTS credits"),
        Case("courses[0].ecvetPoints", 0, "courses[0].ecvetPoints", "must be more than 0 ECVET points, or left out"),
        Case("courses[0].ecvetPoints", -2, "courses[0].ecvetPoints", "must be more than 0 ECVET points"),
        Case("courses[0].workloadHours", 0, "courses[0].workloadHours", "must be more than 0 hours, or left out"),
        Case("courses[0].workloadHours", 12.5, "courses[0].workloadHours", "must be a whole number of hours"),
        // Enumerations.
        Case("courses[0].assessment", "peer-reviewed", "courses[0].assessment", "must be one of \"supervised\", \"self-assessed\""),
        Case("courses[0].assessment", "selfAssessed", "courses[0].assessment", "must be one of \"supervised\", \"self-assessed\""),
        Case("courses[0].assessment", nil, "courses[0].assessment", "is missing; it must be one of \"supervised\", \"self-assessed\""),
        Case("courses[0].participation", "hybrid", "courses[0].participation", "must be one of \"onsite\", \"online\", \"blended\""),
        Case("courses[0].participation", nil, "courses[0].participation", "is missing; it must be one of"),
        // Country.
        Case("courses[0].awardingBody.country", "at", "courses[0].awardingBody.country", "must be an ISO 3166-1 alpha-2 code, two uppercase letters"),
        Case("courses[0].awardingBody.country", "AUT", "courses[0].awardingBody.country", "must be an ISO 3166-1 alpha-2 code"),
        Case("courses[0].awardingBody.country", "A1", "courses[0].awardingBody.country", "must be an ISO 3166-1 alpha-2 code"),
        Case("courses[0].awardingBody.country", "", "courses[0].awardingBody.country", "must be an ISO 3166-1 alpha-2 code"),
        Case("courses[0].awardingBody.country", "ÄT", "courses[0].awardingBody.country", "must be an ISO 3166-1 alpha-2 code"),
    ]

    @Test(arguments: cases)
    func rejects(_ c: Case) throws {
        let data = try CatalogFixtures.base().setting(c.change, to: c.value).encoded()
        let error = try #require(throws: CatalogError.self) { try CourseCatalog.parse(data) }
        #expect(error.path == c.path)
        #expect(error.message.contains(c.says), "message: \(error.message)")
        #expect(error.description == "\(c.path) \(error.message)")
    }

    @Test func theFirstBrokenRuleInDocumentOrderIsReported() throws {
        let data = try CatalogFixtures.base()
            .setting("courses[1].title", to: "")
            .setting("courses[0].awardingBody.country", to: "at")
            .setting("courses[0].eqfLevel", to: 12)
            .encoded()
        let error = try #require(throws: CatalogError.self) { try CourseCatalog.parse(data) }
        #expect(error.path == "courses[0].eqfLevel")
    }

    @Test func notJSONIsReportedForTheWholeDocument() throws {
        let error = try #require(throws: CatalogError.self) { try CourseCatalog.parse(Data("{\"courses\": [".utf8)) }
        #expect(error.path == "")
        #expect(error.message.hasPrefix("the catalog is not valid JSON"))
        #expect(error.description == error.message)
        let empty = try #require(throws: CatalogError.self) { try CourseCatalog.parse(Data()) }
        #expect(empty.path == "")
    }

    @Test func aTopLevelThatIsNoObjectIsReported() throws {
        for text in ["[]", "\"catalog\"", "42"] {
            let error = try #require(throws: CatalogError.self) { try CourseCatalog.parse(Data(text.utf8)) }
            #expect(error.path == "", "\(text)")
            #expect(error.message == "a catalog must be a JSON object {\"courses\": [...]}", "\(text): \(error.message)")
        }
    }

    @Test func validateChecksCatalogsBuiltInCode() throws {
        var catalog = try CatalogFixtures.baseCatalog()
        #expect(throws: Never.self) { try catalog.validate() }
        catalog.courses[1].learningOutcomes[0].id = "not an iri"
        #expect(throws: CatalogError(path: "courses[1].learningOutcomes[0].id",
                                     message: "must be an absolute IRI such as https://catalog.vet-centre.example/… (a scheme, a colon, no spaces)")) {
            try catalog.validate()
        }
        #expect(throws: CatalogError(path: "courses", message: "lists no course; a catalog needs at least one")) {
            try CourseCatalog(courses: []).validate()
        }
    }

    /// Failed before: every name without a Latin letter folded to the slug "body", so two such
    /// awarding bodies shared one issuer key and one status list; names differing only in accents
    /// or case still fold to one slug, and the catalog is refused.
    @Test func awardingBodiesNeverShareAKeyName() throws {
        let cyrillic = AwardingBody.slug(for: "Академия"), japanese = AwardingBody.slug(for: "職業訓練校")
        #expect(cyrillic.hasPrefix("body-") && japanese.hasPrefix("body-") && cyrillic != japanese)
        #expect(AwardingBody.slug(for: "Академия") == cyrillic, "stable: the key file is found again")
        #expect(AwardingBody.slug(for: "Gastro-Akademie Rheinland") == "gastro-akademie-rheinland", "Latin names keep their slug")

        var catalog = try CatalogFixtures.baseCatalog()
        catalog.courses[0].awardingBody.name = "Academia Técnica"
        catalog.courses[1].awardingBody.name = "Academia Tecnica"
        #expect(throws: CatalogError.self) { try catalog.validate() }
        catalog.courses[1].awardingBody.name = "Академия"
        #expect(throws: Never.self) { try catalog.validate() }
        catalog.courses[1].awardingBody.name = "Academia Técnica"
        #expect(throws: Never.self, "one body named the same way in two courses") { try catalog.validate() }
    }
}
