/// Why a proof was made: a credential's issuer asserts it (`assertionMethod`), a presentation's
/// holder authenticates with it (`authentication`, bound to the verifier's challenge and domain).
///
/// ```swift
/// let signed = try DataIntegrity.sign(vp, key: holder, purpose: .authentication, created: now, challenge: "c-42")
/// ```
public enum ProofPurpose: String, Sendable {
    case assertionMethod
    case authentication
}

/// The outcome of checking one Data Integrity proof.
///
/// ```swift
/// switch DataIntegrity.verify(credential, purpose: .assertionMethod) {
/// case .valid(let signer): print("signed by", signer.did)
/// case .invalid(let why): print("not valid:", why)
/// }
/// ```
public enum ProofVerification: Equatable, Sendable {
    case valid(signer: DIDKey)
    case invalid(String)

    public var signer: DIDKey? {
        if case .valid(let signer) = self { signer } else { nil }
    }
}
