import Basics

/// A VC 2.0 Verifiable Presentation of the credentials a learner chose, before the holder signs it
/// (purpose `authentication`, with the employer's challenge and domain).
///
/// ```swift
/// let vp = Presentation.unsigned(id: "urn:uuid:\(UUID())", holder: holderKey.didKey, credentials: [credential])
/// let signed = try DataIntegrity.sign(vp, key: holderKey, purpose: .authentication, created: now, challenge: "job-4711")
/// ```
public enum Presentation {
    public static func unsigned(id: String, holder: DIDKey, credentials: [JSONValue]) -> JSONValue {
        .object([
            "@context": .array([.string(CredentialContexts.credentialsV2)]),
            "id": .string(id),
            "type": .array(["VerifiablePresentation"]),
            "holder": .string(holder.did),
            "verifiableCredential": .array(credentials),
        ])
    }
}
