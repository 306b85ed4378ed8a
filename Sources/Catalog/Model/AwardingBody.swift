/// Who awards the credential for a course.
///
/// ```swift
/// let body = AwardingBody(name: "Gastro-Akademie Rheinland", country: "DE", url: "https://gastro-akademie.example")
/// ```
public struct AwardingBody: Codable, Sendable, Equatable {
    public var name: String
    /// ISO 3166-1 alpha-2 code, two uppercase letters (`AT`, `PT`).
    public var country: String
    /// Its web site, when given: an absolute URL.
    public var url: String?

    public init(name: String, country: String, url: String? = nil) {
        self.name = name
        self.country = country
        self.url = url
    }
}
