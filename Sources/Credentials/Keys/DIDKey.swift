import Crypto
import Basics

/// An Ed25519 public key named as `did:key` (W3C CCG did:key): `did:key:z6Mk…`, where the part
/// after `did:key:` is `z` + base58btc(0xed 0x01 ‖ the 32-byte key). Any other key type is refused.
///
/// ```swift
/// let key = try DIDKey(did: "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
/// key.verificationMethod   // "did:key:z6Mk…#z6Mk…"
/// key.isValidSignature(signature, for: data)
/// ```
public struct DIDKey: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes of the Ed25519 public key.
    public let publicKey: [UInt8]

    static var multicodecEd25519Pub: [UInt8] { DIDKeyText.ed25519Prefix }

    public init(publicKey: [UInt8]) throws(CredentialError) {
        guard publicKey.count == 32 else { throw .invalid("an Ed25519 public key is 32 bytes, not \(publicKey.count)") }
        self.publicKey = publicKey
    }

    /// For keys swift-crypto made, which are 32 bytes by construction.
    init(validPublicKey: [UInt8]) {
        assert(validPublicKey.count == 32)
        publicKey = validPublicKey
    }

    /// From the multibase form `z6Mk…` (a `publicKeyMultibase`).
    public init(multibase: String) throws(CredentialError) {
        guard multibase.hasPrefix("z6Mk") else {
            throw .invalid("'\(multibase.prefix(60))' is not an Ed25519 did:key multibase value (it must start with z6Mk)")
        }
        guard let key = DIDKeyText.ed25519PublicKey(multibase: multibase) else {
            throw .invalid("'\(multibase.prefix(60))' does not decode to an Ed25519 public key (0xed01 and 32 bytes)")
        }
        try self.init(publicKey: key)
    }

    public init(did: String) throws(CredentialError) {
        guard did.hasPrefix("did:key:") else { throw .invalid("'\(did.prefix(60))' is not a did:key identifier; only did:key is accepted") }
        let rest = did.dropFirst("did:key:".count)
        guard !rest.contains("#"), !rest.contains(":") else { throw .invalid("'\(did.prefix(80))' is a DID URL, not a DID") }
        try self.init(multibase: String(rest))
    }

    /// From `did:key:X#X`; the fragment must repeat the key, as did:key resolution defines.
    public init(verificationMethod: String) throws(CredentialError) {
        let parts = verificationMethod.split(separator: "#", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .invalid("verification method '\(verificationMethod.prefix(80))' is not of the form did:key:X#X") }
        try self.init(did: String(parts[0]))
        guard String(parts[1]) == multibase else {
            throw .invalid("verification method '\(verificationMethod.prefix(80))': the fragment must repeat the key (did:key:X#X)")
        }
    }

    public var multibase: String { "z" + Base58.encode(Self.multicodecEd25519Pub + publicKey) }
    public var did: String { "did:key:" + multibase }
    public var verificationMethod: String { did + "#" + multibase }
    public var description: String { did }

    public func isValidSignature(_ signature: [UInt8], for data: [UInt8]) -> Bool {
        guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: data)
    }
}
