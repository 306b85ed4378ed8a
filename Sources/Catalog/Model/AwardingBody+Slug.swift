import Crypto
import Foundation

extension AwardingBody {
    /// The body's name folded to lowercase ASCII letters, digits and hyphens: what the
    /// repository names its issuer key and status list by ("Gastro-Akademie Rheinland" →
    /// "gastro-akademie-rheinland", "Escola Profissional de Évora" → "escola-profissional-de-evora").
    /// A name with no Latin letter or digit ("Академия", "職業訓練校") becomes `body-` and 8 hex
    /// digits of its SHA-256, so two such bodies never share a key. A catalog where two different
    /// names give one slug is refused (`CourseCatalog.validate`).
    ///
    /// ```swift
    /// AwardingBody.slug(for: "Gastro-Akademie Rheinland")   // "gastro-akademie-rheinland"
    /// AwardingBody.slug(for: "Академия")                     // "body-" + 8 hex digits
    /// ```
    public static func slug(for name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "ß", with: "ss")
        var slug = ""
        for scalar in folded.unicodeScalars {
            let lower = scalar.properties.lowercaseMapping
            if lower.unicodeScalars.count == 1, let s = lower.unicodeScalars.first,
               ("a"..."z").contains(s) || ("0"..."9").contains(s) {
                slug.unicodeScalars.append(s)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 64 {
            slug = String(slug.prefix(64))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        guard slug.isEmpty else { return slug }
        let digest = SHA256.hash(data: Data(name.utf8))
        return "body-" + digest.prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// This body's slug.
    public var slug: String { Self.slug(for: name) }
}
