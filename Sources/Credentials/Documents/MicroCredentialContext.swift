/// Our small, versioned JSON-LD context for what a European micro-credential must state and
/// Open Badges 3.0 has no term for: type of assessment, form of participation, type of quality
/// assurance, plus ECTS credits, ECVET points and notional hours, and the attestation and trust
/// list terms. Bundled in every binary; repositoryd serves it at `/contexts/microcredential-v1.jsonld`.
/// A new term means a new version (`…/v2`): a published context never changes.
///
/// ```swift
/// let context: JSONValue = .array([.string(CredentialContexts.credentialsV2), .string(MicroCredentialContext.url)])
/// ```
public enum MicroCredentialContext {
    public static let url = "https://w3id.org/learner-wallet/microcredential/v1"
    public static let vocabulary = "https://w3id.org/learner-wallet/microcredential/vocab#"

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
        "statusList": {"@id": "lw:statusList", "@type": "@id"}
      }
    }
    """
}
