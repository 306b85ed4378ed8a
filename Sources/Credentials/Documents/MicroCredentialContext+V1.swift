extension MicroCredentialContext {
    /// The first version, as published: credentials, attestations and trust lists made before v2
    /// name it. Frozen: never edit it (add terms to a new version instead).
    ///
    /// ```swift
    /// MicroCredentialContext.published.first { $0.url == MicroCredentialContext.v1URL }?.document
    /// ```
    public static let v1URL = "https://w3id.org/learner-wallet/microcredential/v1"

    public static let v1Document = """
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
