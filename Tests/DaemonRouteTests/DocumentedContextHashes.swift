import Foundation

/// The SHA-256 docs/CREDENTIALS.md gives for each context document repositoryd serves (the table
/// under "The micro-credential context: where a JSON-LD processor finds it"), by path. A test
/// compares them with the bytes served, so changing a published context fails until the
/// documentation (and the decision to change a published document) says so.
///
/// ```swift
/// let hashes = try DocumentedContextHashes.read()   // ["/contexts/microcredential-v2.jsonld": "9f…"]
/// ```
enum DocumentedContextHashes {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/CREDENTIALS.md")

    /// Each table row naming a `/contexts/….jsonld` path and a 64-digit hex hash.
    static func read() throws -> [String: String] {
        var found: [String: String] = [:]
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where line.hasPrefix("|") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            guard let path = cells.first(where: { $0.hasPrefix("/contexts/") && $0.hasSuffix(".jsonld") }),
                  let hash = cells.first(where: { $0.count == 64 && $0.allSatisfy(\.isHexDigit) })
            else { continue }
            found[path] = hash.lowercased()
        }
        return found
    }
}
