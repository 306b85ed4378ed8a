import Crypto

/// An Ed25519 private key (issuer, holder or assessor) and its did:key.
///
/// Keep it in memory only as long as needed: walletd holds a learner's key only inside an
/// unlocked session; at rest it is sealed (see `HolderKeySeal` in WalletCore).
///
/// ```swift
/// let key = SigningKey.generate()
/// let signature = try key.signature(for: Array("hello".utf8))
/// key.didKey.isValidSignature(signature, for: Array("hello".utf8))   // true
/// ```
public struct SigningKey: Sendable {
    let privateKey: Curve25519.Signing.PrivateKey

    public static func generate() -> SigningKey { SigningKey(privateKey: Curve25519.Signing.PrivateKey()) }

    init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    /// From the 32-byte seed (RFC 8032 private key).
    public init(seed: [UInt8]) throws(CredentialError) {
        guard seed.count == 32 else { throw .invalid("an Ed25519 private key is a 32-byte seed, not \(seed.count) bytes") }
        do {
            privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        } catch {
            throw .invalid("the Ed25519 seed was refused: \(error)")
        }
    }

    public var seed: [UInt8] { Array(privateKey.rawRepresentation) }

    public var didKey: DIDKey { DIDKey(validPublicKey: Array(privateKey.publicKey.rawRepresentation)) }

    public func signature(for data: [UInt8]) throws(CredentialError) -> [UInt8] {
        do {
            return Array(try privateKey.signature(for: data))
        } catch {
            throw .invalid("signing failed: \(error)")
        }
    }
}
