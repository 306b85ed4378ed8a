import Foundation

/// Our small, versioned JSON-LD context for what a European micro-credential must state and
/// Open Badges 3.0 has no term for: type of assessment, form of participation, type of quality
/// assurance, plus ECTS credits, ECVET points and notional hours, the attestation and trust
/// list terms, and (since v2) the identity check an assessor makes ("supervision and identity
/// verification") and a name the learner gave themselves. Bundled in every binary; repositoryd
/// serves each version at `/contexts/microcredential-vN.jsonld` (`published`).
/// A new term means a new version: a published context never changes, so v1 stays as it was
/// (`MicroCredentialContext+V1.swift`) for the documents that name it, and v2 is v1 plus terms.
///
/// ```swift
/// let context: JSONValue = .array([.string(CredentialContexts.credentialsV2), .string(MicroCredentialContext.url)])
/// ```
public enum MicroCredentialContext {
    /// The version new documents name.
    public static let url = "https://w3id.org/learner-wallet/microcredential/v2"
    public static let vocabulary = "https://w3id.org/learner-wallet/microcredential/vocab#"

    /// Every version, with the path repositoryd serves it at.
    public static let published: [(url: String, path: String, document: String)] = [
        (v1URL, "/contexts/microcredential-v1.jsonld", v1Document),
        (url, "/contexts/microcredential-v2.jsonld", document),
    ]

    /// The current version: v1's text with the identity terms added after its last term, so v2
    /// keeps every v1 definition as it is (`ContextTermTests` checks it).
    public static let document: String = {
        let lastV1Term = #""statusList": {"@id": "lw:statusList", "@type": "@id"}"#
        return v1Document.replacingOccurrences(of: lastV1Term, with: lastV1Term + ",\n" + v2Terms)
    }()

    /// The terms v2 adds: the assessor's identity check and a name the learner gave themselves.
    static let v2Terms = """
            "IdentityVerification": {"@id": "lw:IdentityVerification"},
            "identityVerification": {"@id": "lw:identityVerification"},
            "verifiedName": {"@id": "lw:verifiedName"},
            "identityCheck": {"@id": "lw:identityCheck"},
            "verifiedBy": {"@id": "lw:verifiedBy", "@type": "@id"},
            "verifierName": {"@id": "lw:verifierName"},
            "attestation": {"@id": "lw:attestation", "@type": "@id"},
            "selfDeclaredName": {"@id": "lw:selfDeclaredName"}
    """
}
