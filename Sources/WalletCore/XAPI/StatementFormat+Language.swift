import WalletAPI
import Basics

/// Choosing one entry of an xAPI language map for a reader's languages.
///
/// ```swift
/// let name: [String: JSONValue] = ["en-US": "Wiring", "de-DE": "Verdrahtung"]
/// StatementFormat.preferredLanguageKey(in: name, for: ["de", "en"])   // "de-DE"
/// StatementFormat.preferredLanguageKey(in: name, for: ["fr"])         // "de-DE": the first key
/// ```
extension StatementFormat {
    /// The key of `map` that best serves `languages` (most wanted first, as an `Accept-Language`
    /// header lists them once sorted by quality), or nil for an empty map. Tags compare
    /// case-insensitively (RFC 5646).
    ///
    /// For each wanted range in order: an exact tag, then a more specific tag (`en` takes
    /// `en-GB`, RFC 2616 prefix matching); `*` takes anything. When no range matches, a second
    /// pass drops subtags from the end of each range (`en-GB` looks for `en`, then `en-*`, RFC 4647
    /// lookup), since a reader of British English would rather read American English than the
    /// fallback. Last resort: the first key in code-point order. Maps are unordered in JSON, so
    /// "first" must be defined to keep the output deterministic.
    public static func preferredLanguageKey(in map: [String: JSONValue], for languages: [String]) -> String? {
        guard !map.isEmpty else { return nil }
        let keys = map.keys.sorted()
        let lowered = keys.map { $0.lowercased() }
        let ranges = languages.compactMap(normalizedRange)

        for range in ranges {
            if range == "*" { return keys[0] }
            if let match = bestMatch(for: range, in: lowered) { return keys[match] }
        }
        for range in ranges where range != "*" {
            var truncated = Substring(range)
            while let dash = truncated.lastIndex(of: "-") {
                truncated = truncated[..<dash]
                // RFC 4647: a single-letter subtag (an extension or private-use marker) left at
                // the end means nothing on its own; drop it too.
                if let last = truncated.lastIndex(of: "-"), truncated.distance(from: last, to: truncated.endIndex) == 2 {
                    truncated = truncated[..<last]
                }
                if let match = bestMatch(for: String(truncated), in: lowered) { return keys[match] }
            }
        }
        return keys[0]
    }

    /// An exact match, else the first key that extends `range` with more subtags.
    private static func bestMatch(for range: String, in lowered: [String]) -> Int? {
        if let exact = lowered.firstIndex(of: range) { return exact }
        let prefix = range + "-"
        return lowered.firstIndex { $0.hasPrefix(prefix) }
    }

    /// Lowercased, trimmed, without a `;q=` part; nil when empty or refused (`q=0`).
    private static func normalizedRange(_ raw: String) -> String? {
        let parts = raw.split(separator: ";", omittingEmptySubsequences: false)
        let tag = (parts.first.map(String.init) ?? "").trimmingASCIISpaces().lowercased()
        guard !tag.isEmpty else { return nil }
        for parameter in parts.dropFirst() {
            let p = String(parameter).trimmingASCIISpaces().lowercased()
            if p.hasPrefix("q="), let q = Double(p.dropFirst(2)), q == 0 { return nil }
        }
        return tag
    }
}

private extension String {
    func trimmingASCIISpaces() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) ?? start
        return String(scalars[start...end])
    }
}
