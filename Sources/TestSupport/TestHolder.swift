import Crypto
import Basics
import SecurityPrimitives
import SyncEngine

/// A learner's holder key for tests of learner claims (`WireLearnerClaim`): a deterministic
/// Ed25519 key, its did:key, and learners whose claims it signs. The sealed key is a stand-in
/// (hubs never open it).
///
/// ```swift
/// let ana = TestHolder(seed: 1)
/// let learner = ana.learner(generation: 0)          // bound id, claim signed by ana's key
/// let changed = ana.learner(pinHash: "bmV3", generation: 1)
/// ```
public struct TestHolder: Sendable {
    let key: Curve25519.Signing.PrivateKey

    public init(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        let bytes = (0..<32).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        // 32 bytes are always a valid Ed25519 seed.
        key = (try? Curve25519.Signing.PrivateKey(rawRepresentation: bytes)) ?? Curve25519.Signing.PrivateKey()
    }

    public var did: String { "did:key:z" + Base58.encode(DIDKeyText.ed25519Prefix + Array(key.publicKey.rawRepresentation)) }

    /// The id bound to this key (`BoundLearnerID`).
    public var boundID: String { BoundLearnerID.make(holderDID: did) }

    public func sign(_ bytes: [UInt8]) -> [UInt8] { (try? Array(key.signature(for: bytes))) ?? [] }

    /// A learner with this key's sealed stand-in and a claim of `generation` signed by this key.
    /// `signedBy` signs with another key instead (a forgery).
    public func learner(id: String? = nil, pinSalt: String = "c2FsdA", pinHash: String = "aGFzaA", sealed: String = "c2VhbGVk",
                        generation: Int64 = 0, issuedMs: Int64 = 1, signedBy other: TestHolder? = nil) -> WireLearner {
        let holderKey = WireHolderKey(did: did, sealed: sealed, salt: "a2V5c2FsdA", cost: ScryptCost(logN: 10))
        var learner = WireLearner(id: id ?? boundID, name: "Learner", pinSalt: pinSalt, pinHash: pinHash, pinCost: ScryptCost(logN: 10),
                                  createdMs: 1, holderKey: holderKey)
        let signer = other ?? self
        learner.claim = WireLearnerClaim(learner: learner, holderKey: holderKey, generation: generation, replica: nil, issuedMs: issuedMs)
            .signed { bytes in signer.sign(bytes) }
        return learner
    }
}
