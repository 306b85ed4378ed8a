import Credentials
import SyncEngine

extension Learner {
    /// This learner's claim of `generation` (`WireLearnerClaim`): their PIN hash and sealed holder
    /// key as they are now, signed with the holder key `key` (in memory only at creation, login or
    /// a PIN change, when the PIN is at hand). nil for a learner without a holder key.
    ///
    /// ```swift
    /// let claim = try learner.signedClaim(key: key, generation: 0, nowMs: now)
    /// ```
    public func signedClaim(key: SigningKey, generation: Int64, nowMs: Int64) throws -> WireLearnerClaim? {
        guard let holderKey, holderKey.did == key.didKey.did else { return nil }
        return try WireLearnerClaim(learner: WalletSyncStore.wireLearner(self), holderKey: holderKey, generation: generation,
                                    replica: nil, issuedMs: nowMs)
            .signed { bytes in try key.signature(for: bytes) }
    }
}

extension Learner {
    /// The learner as the sync wire carries them (`WireLearner`): what a PIN reset sends to the
    /// repository.
    ///
    /// ```swift
    /// let record = resetLearner.wire   // new PIN hash, new sealed key, new claim
    /// ```
    public var wire: WireLearner { WalletSyncStore.wireLearner(self) }
}
