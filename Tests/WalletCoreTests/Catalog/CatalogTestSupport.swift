import Foundation
import Testing
import WalletAPI
import Catalog
import Basics

/// Shared catalogs and helpers of the catalog tests.
enum CatalogFixtures {
    /// A small valid catalog of two courses, as JSON text.
    static let baseText = """
    {
      "courses": [
        {
          "id": "https://catalog.vet-centre.example/courses/a",
          "title": "Course A",
          "description": "The first course.",
          "language": "en",
          "eqfLevel": 3,
          "ectsCredits": 2,
          "ecvetPoints": 2,
          "workloadHours": 50,
          "learningOutcomes": [
            {"id": "https://catalog.vet-centre.example/courses/a/outcomes/1", "text": "Does the first thing.",
             "escoSkill": "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"},
            {"id": "https://catalog.vet-centre.example/courses/a/outcomes/2", "text": "Does the second thing."}
          ],
          "assessment": "supervised",
          "participation": "onsite",
          "qualityAssurance": "Internal QA of the awarding body, externally audited under EQAVET.",
          "awardingBody": {"name": "Body A", "country": "AT", "url": "https://body-a.example"}
        },
        {
          "id": "https://catalog.vet-centre.example/courses/b",
          "title": "Course B",
          "description": "The second course.",
          "language": "de-AT",
          "eqfLevel": 4,
          "ectsCredits": 1.5,
          "learningOutcomes": [
            {"id": "https://catalog.vet-centre.example/courses/b/outcomes/1", "text": "Does a third thing."}
          ],
          "assessment": "self-assessed",
          "participation": "online",
          "qualityAssurance": "Reviewed yearly by the chamber's examination board.",
          "awardingBody": {"name": "Body B", "country": "PT"}
        }
      ]
    }
    """

    static func base() throws -> JSONValue { try JSONValue(data: Data(baseText.utf8)) }

    static func baseCatalog() throws -> CourseCatalog { try CourseCatalog.parse(Data(baseText.utf8)) }

    /// The sample catalog's test copy, from the test bundle.
    static func sampleData() throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: "sample-catalog", withExtension: "json", subdirectory: "Fixtures/catalog"),
            "Fixtures/catalog/sample-catalog.json is missing from the test bundle")
        return try Data(contentsOf: url)
    }

    /// `catalog/sample-catalog.json` of the package, found from this source file (tests only).
    static let packageSamplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Catalog
        .deletingLastPathComponent()   // WalletCoreTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root
        .appendingPathComponent("catalog/sample-catalog.json").path
}

extension JSONValue {
    /// JSON text with object keys in reverse order, generous whitespace, and whole numbers
    /// spelled `2.0`: the same value as `canonicalData()`, written as differently as possible.
    func scrambledText(indent: String = "") -> String {
        let inner = indent + "    "
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d):
            return d == d.rounded() && abs(d) < 1e15 ? "\(Int64(d)).0" : "\(d)"
        case .string: return String(decoding: canonicalData(), as: UTF8.self).replacingOccurrences(of: "/", with: "\\/")
        case .array(let items):
            return "[\n" + items.map { inner + $0.scrambledText(indent: inner) }.joined(separator: " ,\n") + "\n" + indent + "]"
        case .object(let fields):
            let keys = fields.keys.sorted(by: >)
            let members = keys.compactMap { key in
                fields[key].map { inner + JSONValue.string(key).scrambledText() + " :\t" + $0.scrambledText(indent: inner) }
            }
            return "{\r\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }
}
