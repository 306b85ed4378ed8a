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

    public static let document = """
    {
      "@context": {
        "@protected": true,
        "lw": "https://w3id.org/learner-wallet/microcredential/vocab#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "assessmentType": {"@id": "lw:assessmentType"},
        "participationForm": {"@id": "lw:participationForm"},
        "qualityAssurance": {"@id": "lw:qualityAssurance"},
        "ectsCredits": {"@id": "lw:ectsCredits", "@type": "xsd:decimal"},
        "ecvetPoints": {"@id": "lw:ecvetPoints", "@type": "xsd:decimal"},
        "workloadHours": {"@id": "lw:workloadHours", "@type": "xsd:integer"},
        "OutcomeAttestation": {"@id": "lw:OutcomeAttestation"},
        "learner": {"@id": "lw:learner"},
        "course": {"@id": "lw:course", "@type": "@id"},
        "learningOutcome": {"@id": "lw:learningOutcome", "@type": "@id"},
        "result": {"@id": "lw:result"},
        "score": {"@id": "lw:score", "@type": "xsd:decimal"},
        "note": {"@id": "lw:note"},
        "TrustListCredential": {"@id": "lw:TrustListCredential"},
        "AwardingBodyTrustList": {"@id": "lw:AwardingBodyTrustList"},
        "version": {"@id": "lw:version", "@type": "xsd:integer"},
        "verificationPage": {"@id": "lw:verificationPage", "@type": "@id"},
        "awardingBodies": {"@id": "lw:awardingBodies", "@container": "@set"},
        "assessors": {"@id": "lw:assessors", "@container": "@set"},
        "assessorId": {"@id": "lw:assessorId"},
        "awardingBody": {"@id": "lw:awardingBody", "@type": "@id"},
        "country": {"@id": "lw:country"},
        "slug": {"@id": "lw:slug"},
        "statusList": {"@id": "lw:statusList", "@type": "@id"},
        "IdentityVerification": {"@id": "lw:IdentityVerification"},
        "identityVerification": {"@id": "lw:identityVerification"},
        "verifiedName": {"@id": "lw:verifiedName"},
        "identityCheck": {"@id": "lw:identityCheck"},
        "verifiedBy": {"@id": "lw:verifiedBy", "@type": "@id"},
        "verifierName": {"@id": "lw:verifierName"},
        "attestation": {"@id": "lw:attestation", "@type": "@id"},
        "selfDeclaredName": {"@id": "lw:selfDeclaredName"}
      }
    }
    """
}
