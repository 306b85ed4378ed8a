/// The awarding body as a credential names it: an Open Badges `Profile` whose `id` is its did:key.
///
/// ```swift
/// let issuer = IssuerProfile(did: key.didKey, name: "Gastro-Akademie Rheinland", country: "DE", url: "https://gastro-akademie.example")
/// ```
public struct IssuerProfile: Sendable, Equatable {
    public var did: DIDKey
    public var name: String
    /// ISO 3166-1 alpha-2.
    public var country: String
    public var url: String?

    public init(did: DIDKey, name: String, country: String, url: String?) {
        self.did = did
        self.name = name
        self.country = country
        self.url = url
    }
}
