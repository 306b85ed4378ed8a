import Credentials
import SyncEngine

/// Learners with a real signed claim (`WireLearnerClaim`) for the seeds and properties, signed
/// by a fixed key so the generated seeds stay the same from run to run.
///
/// ```swift
/// let learner = ClaimedLearner.make(name: "Ana Sousa")   // bound id, claim generation 0
/// ```
enum ClaimedLearner {
    static let key: SigningKey? = try? SigningKey(seed: Array(repeating: 7, count: 32))

    static func make(name: String, generation: Int64 = 0) -> WireLearner {
        guard let key else { fatalError("a 32-byte seed is always an Ed25519 key") }
        let did = key.didKey.did
        let holderKey = WireHolderKey(did: did, sealed: "c2VhbGVk", salt: "c2FsdA", cost: .standard)
        var learner = WireLearner(id: BoundLearnerID.make(holderDID: did), name: name, pinSalt: "c2FsdA", pinHash: "aGFzaA", pinCost: .standard,
                                  createdMs: 1_764_000_000_000, holderKey: holderKey)
        learner.claim = try? WireLearnerClaim(learner: learner, holderKey: holderKey, generation: generation, replica: "pc-lab-2",
                                              issuedMs: 1_764_000_000_000)
            .signed { bytes in try key.signature(for: bytes) }
        return learner
    }
}
