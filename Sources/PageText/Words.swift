/// One language's words for the pages: a string per `TextKey`, with `{name}` placeholders filled
/// in by `callAsFunction`. Every language's catalogue holds every key (`Catalogue.complete` and a
/// test check it), so a page never shows a key or an empty string.
///
/// ```swift
/// let words = PageLanguage.dutch.words
/// words(.syncLastSynced, ["when": words.ago(minutes: 10)])   // "laatst gesynchroniseerd 10 minuten geleden"
/// ```
public struct Words: Sendable {
    public let language: PageLanguage

    public init(language: PageLanguage) { self.language = language }

    /// The text of `key`, unescaped (pages escape it where they place it).
    public subscript(_ key: TextKey) -> String {
        Catalogue.table(language)[key] ?? Catalogue.english[key] ?? key.rawValue
    }

    /// The text of `key` with each `{name}` replaced by `values[name]`.
    public func callAsFunction(_ key: TextKey, _ values: [String: String] = [:]) -> String {
        Self.fill(self[key], values)
    }

    /// `count` with the singular or the plural form: `one` and `many` each hold `{count}`.
    public func count(_ count: Int, one: TextKey, many: TextKey, _ values: [String: String] = [:]) -> String {
        var all = values
        all["count"] = String(count)
        return self(count == 1 ? one : many, all)
    }

    /// "just now", "10 minutes ago", "3 hours ago", "2 days ago".
    public func ago(seconds: Int64) -> String {
        switch seconds {
        case ..<60: self[.timeJustNow]
        case ..<3600: count(Int(seconds / 60), one: .timeMinuteAgo, many: .timeMinutesAgo)
        case ..<86_400: count(Int(seconds / 3600), one: .timeHourAgo, many: .timeHoursAgo)
        default: count(Int(seconds / 86_400), one: .timeDayAgo, many: .timeDaysAgo)
        }
    }

    /// `template` with each `{name}` replaced by `values[name]`, in one pass (a value holding
    /// `{…}` is never filled again); an unknown name stays as written.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            let name = String(rest[afterOpen..<close])
            out += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The `{name}` placeholders a template holds, for the catalogue check.
    static func placeholders(_ template: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            names.insert(String(rest[afterOpen..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
