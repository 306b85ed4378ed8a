import Foundation
import Testing
import Catalog
@testable import RepositoryCore

/// What `catalog import` and `serve --catalog` publish: the model's canonical text and version.
@Suite("Catalog files")
struct CatalogFileTests {
    static let samplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("catalog/sample-catalog.json").path

    @Test func theSampleCatalogIsPublishedWithTheModelsVersion() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.samplePath))
        let file = try CatalogFile.load(path: Self.samplePath)
        let model = try CourseCatalog.parse(data)
        #expect(file.version == model.version && file.courseCount == model.courses.count)
        #expect(try CourseCatalog.parse(Data(file.json.utf8)) == model, "the published text reads back as the same catalog")
    }

    @Test func reformattingDoesNotChangeTheVersion() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.samplePath))
        let pretty = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: data), options: [.prettyPrinted])
        #expect(try CatalogFile.parse(pretty, source: "pretty.json").version == CatalogFile.parse(data, source: "sample.json").version)
    }

    @Test func anInvalidFileIsRefusedWithItsNameAndTheReason() {
        #expect {
            try CatalogFile.parse(Data(#"{"courses": 3}"#.utf8), source: "bad.json")
        } throws: { error in
            "\(error)".hasPrefix("bad.json is not a valid course catalog: ")
        }
        #expect(throws: CatalogFile.Invalid.self) { try CatalogFile.load(path: "/nonexistent/catalog.json") }
    }
}
