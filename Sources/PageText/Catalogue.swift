/// Where each language's strings are: one catalogue per language, in `Catalogue+English.swift`
/// and `Catalogue+Dutch.swift`. A translator edits one file.
///
/// ```swift
/// Catalogue.problems()   // [] when every language has every key with the same placeholders
/// ```
public enum Catalogue {
    static func table(_ language: PageLanguage) -> [TextKey: String] {
        switch language {
        case .english: english
        case .dutch: dutch
        }
    }

    /// What is wrong with the catalogues: a key a language lacks, an empty text, or placeholders
    /// that differ from the English ones. Empty when they are complete.
    public static func problems() -> [String] {
        var found: [String] = []
        for language in PageLanguage.allCases {
            let table = table(language)
            for key in TextKey.allCases {
                guard let text = table[key], !text.isEmpty else {
                    found.append("\(language.rawValue): \(key.rawValue) has no text")
                    continue
                }
                let expected = english[key].map(Words.placeholders) ?? []
                if Words.placeholders(text) != expected {
                    found.append("\(language.rawValue): \(key.rawValue) has placeholders \(Words.placeholders(text).sorted()), English has \(expected.sorted())")
                }
            }
        }
        return found
    }
}
