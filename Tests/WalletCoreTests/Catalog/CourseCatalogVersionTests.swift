import Foundation
import Testing
import WalletAPI
import Catalog
import Basics
@testable import WalletCore

@Suite("Catalog: version")
struct CourseCatalogVersionTests {
    @Test func knownAnswer() throws {
        // Canonical text and SHA-256 computed independently (Python: json.dumps(sort_keys=True,
        // separators=(",", ":")) and hashlib.sha256).
        let text = """
        {"courses": [{"id": "https://c.example/courses/a", "title": "A", "description": "Course A", "language": "en",
          "eqfLevel": 3, "ectsCredits": 1.5, "learningOutcomes": [{"id": "https://c.example/courses/a/lo/1", "text": "Does one thing"}],
          "assessment": "self-assessed", "participation": "online", "qualityAssurance": "QA", "awardingBody": {"name": "Body", "country": "AT"}}]}
        """
        let catalog = try CourseCatalog.parse(Data(text.utf8))
        #expect(String(decoding: catalog.canonicalJSON, as: UTF8.self) == """
            {"courses":[{"assessment":"self-assessed","awardingBody":{"country":"AT","name":"Body"},"description":"Course A",\
            "ectsCredits":1.5,"eqfLevel":3,"id":"https://c.example/courses/a","language":"en","learningOutcomes":\
            [{"id":"https://c.example/courses/a/lo/1","text":"Does one thing"}],"participation":"online","qualityAssurance":"QA","title":"A"}]}
            """)
        #expect(catalog.version == "ec2b8cf3fe2c40503741e75a9dc6661f0232fd38aa69d88ceb1541ced558072d")
    }

    @Test func versionIsLowercaseHexSHA256() throws {
        let version = try CourseCatalog.parse(CatalogFixtures.sampleData()).version
        #expect(version.count == 64)
        #expect(version.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func stableAcrossKeyOrderWhitespaceAndNumberSpelling() throws {
        for data in [try CatalogFixtures.sampleData(), Data(CatalogFixtures.baseText.utf8)] {
            let catalog = try CourseCatalog.parse(data)
            let value = try JSONValue(data: data)
            let scrambled = value.scrambledText()
            #expect(scrambled != String(decoding: data, as: UTF8.self))
            #expect(scrambled.contains(".0") && scrambled.contains("\\/"))
            let variants = [Data(scrambled.utf8), value.encoded(), try JSONEncoder().encode(catalog)]
            for variant in variants {
                #expect(try CourseCatalog.parse(variant).version == catalog.version)
            }
        }
    }

    @Test func unknownKeysAndExplicitNullsDoNotChangeIt() throws {
        let base = try CatalogFixtures.base()
        let version = try CatalogFixtures.baseCatalog().version
        let extended = base.setting("courses[1].x-note", to: "internal").setting("courses[1].ecvetPoints", to: JSONValue.null)
        #expect(try CourseCatalog.parse(extended.encoded()).version == version)
    }

    @Test(arguments: [
        ("courses[0].title", JSONValue.string("Course A, revised")),
        ("courses[0].eqfLevel", 4),
        ("courses[0].ectsCredits", 2.5),
        ("courses[0].ecvetPoints", 3),
        ("courses[1].ecvetPoints", 1),
        ("courses[0].workloadHours", nil),
        ("courses[0].learningOutcomes[1].escoSkill", "http://data.europa.eu/esco/skill/08a5f6dd-d3dd-4371-9919-6d730f34499c"),
        ("courses[0].learningOutcomes[0].text", "Does the first thing well."),
        ("courses[1].assessment", "supervised"),
        ("courses[1].participation", "blended"),
        ("courses[1].awardingBody.country", "DE"),
        ("courses[1].awardingBody.url", "https://body-b.example"),
    ] as [(String, JSONValue?)])
    func changesWithContent(_ path: String, _ value: JSONValue?) throws {
        let changed = try CourseCatalog.parse(CatalogFixtures.base().setting(path, to: value).encoded())
        #expect(changed != (try CatalogFixtures.baseCatalog()))
        #expect(changed.version != (try CatalogFixtures.baseCatalog()).version)
    }

    @Test func changesWithOrder() throws {
        var catalog = try CatalogFixtures.baseCatalog()
        let version = catalog.version
        catalog.courses.reverse()
        #expect(catalog.version != version)
        catalog.courses.reverse()
        catalog.courses[0].learningOutcomes.reverse()
        #expect(catalog.version != version)
    }
}
