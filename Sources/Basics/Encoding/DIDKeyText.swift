/// The text form of an Ed25519 `did:key` (W3C CCG did:key), read without any cryptography:
/// `did:key:z` + base58btc(0xed 0x01 ‖ the 32-byte key). It lives here, below both the
/// credentials (`DIDKey`) and the sync protocol (learner claims), so both read a DID the same way.
///
/// ```swift
/// DIDKeyText.ed25519PublicKey(did: "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")   // 32 bytes
/// DIDKeyText.ed25519PublicKey(did: "did:web:example.org")                                     // nil
/// ```
public enum DIDKeyText {
    /// The multicodec prefix of an Ed25519 public key.
    public static let ed25519Prefix: [UInt8] = [0xed, 0x01]

    /// The 32 key bytes of a `z6Mk…` multibase value; nil for anything else.
    public static func ed25519PublicKey(multibase: String) -> [UInt8]? {
        guard multibase.hasPrefix("z6Mk"), let bytes = Base58.decode(String(multibase.dropFirst())), bytes.count == 34,
              Array(bytes.prefix(2)) == ed25519Prefix
        else { return nil }
        return Array(bytes.dropFirst(2))
    }

    /// The 32 key bytes of a `did:key:z6Mk…` DID (not a DID URL); nil for anything else.
    public static func ed25519PublicKey(did: String) -> [UInt8]? {
        guard did.hasPrefix("did:key:") else { return nil }
        let rest = did.dropFirst("did:key:".count)
        guard !rest.contains("#"), !rest.contains(":") else { return nil }
        return ed25519PublicKey(multibase: String(rest))
    }
}
