/// Why a key, a proof or a credential document cannot be used, in words a person can act on.
///
/// ```swift
/// do { _ = try DIDKey(did: "did:web:example.org") } catch { print(error) } // "… only did:key …"
/// ```
public enum CredentialError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let reason): reason
        }
    }
}
