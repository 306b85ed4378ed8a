/// The languages every page the wallet and the repository serve is written in, and how one is
/// chosen: the learner's own choice first, else the browser's `Accept-Language` (RFC 9110
/// §12.5.4, quality values honoured), else English.
///
/// ```swift
/// let language = PageLanguage.negotiate(choice: cookie, acceptLanguage: "nl-BE,nl;q=0.9,en;q=0.5")  // .dutch
/// let words = language.words
/// ```
public enum PageLanguage: String, CaseIterable, Sendable {
    case english = "en"
    case dutch = "nl"

    /// The value of `<html lang>`.
    public var tag: String { rawValue }

    /// The language's name in itself, for a language switcher.
    public var ownName: String {
        switch self {
        case .english: "English"
        case .dutch: "Nederlands"
        }
    }

    /// This language's catalogue.
    public var words: Words { Words(language: self) }

    /// Reads a learner's stored choice ("en", "nl"); anything else is no choice.
    public init?(choice: String?) {
        guard let choice, let language = PageLanguage(rawValue: choice.lowercased()) else { return nil }
        self = language
    }

    public static func negotiate(choice: String? = nil, acceptLanguage: String?) -> PageLanguage {
        if let chosen = PageLanguage(choice: choice) { return chosen }
        guard let header = acceptLanguage else { return .english }
        var best: (language: PageLanguage, quality: Double)?
        // Bounded: a header is read for its first 32 ranges only.
        for range in header.split(separator: ",", omittingEmptySubsequences: true).prefix(32) {
            let parts = range.split(separator: ";")
            guard let tagPart = parts.first else { continue }
            let tag = tagPart.trimmingSpaces().lowercased()
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let p = parameter.trimmingSpaces()
                if p.hasPrefix("q=") || p.hasPrefix("Q="), let q = Double(p.dropFirst(2)), q >= 0, q <= 1 { quality = q }
            }
            guard quality > 0 else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = PageLanguage(rawValue: primary) else { continue }
            // The first range of the highest quality wins, as a browser lists its preferences in order.
            if let current = best, quality <= current.quality { continue }
            best = (language, quality)
        }
        return best?.language ?? .english
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
