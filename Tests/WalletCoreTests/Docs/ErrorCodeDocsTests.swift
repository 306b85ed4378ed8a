import Basics
import Foundation
import Testing

/// docs/API.md's error list and the `ErrorCode` enum say the same thing: every code the list names
/// exists, and every code a daemon can send is documented (walletd's in API.md, the repository's
/// in SYNC.md or REPOSITORY.md). Adding a code without a line of documentation fails here.
@Suite("Error codes are documented")
struct ErrorCodeDocsTests {
    static let docs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: docs.appendingPathComponent(name), encoding: .utf8)
    }

    /// The backticked lowercase words of a text: `learner_not_found`, `forbidden`, …
    static func codes(in text: String) -> Set<String> {
        var found: Set<String> = []
        for piece in text.split(separator: "`").enumerated() where piece.offset % 2 == 1 {
            let word = piece.element
            if !word.isEmpty, word.allSatisfy({ ("a"..."z").contains($0) || $0 == "_" || $0.isNumber }) { found.insert(String(word)) }
        }
        return found
    }

    /// The paragraph of API.md that starts with "Error codes:".
    static func apiErrorList() throws -> String {
        let api = try text("API.md")
        guard let start = api.range(of: "Error codes:") else { return "" }
        let rest = api[start.upperBound...]
        let end = rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test func everyListedCodeExists() throws {
        let listed = Self.codes(in: try Self.apiErrorList())
        #expect(listed.count > 30, "API.md's \"Error codes:\" paragraph was not found or is nearly empty")
        for code in listed.sorted() {
            #expect(ErrorCode(rawValue: code) != nil, "API.md lists `\(code)`, which no daemon sends (not in ErrorCode)")
        }
    }

    @Test func everySentCodeIsDocumented() throws {
        let documented = Self.codes(in: try Self.text("API.md") + Self.text("SYNC.md") + Self.text("REPOSITORY.md"))
        for code in ErrorCode.sent {
            #expect(documented.contains(code.rawValue), "ErrorCode.\(code) (`\(code.rawValue)`) is in no docs/ error list")
        }
    }
}
