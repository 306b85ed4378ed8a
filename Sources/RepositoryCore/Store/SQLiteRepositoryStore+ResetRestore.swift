import GRDB
import Basics
import Credentials
import SyncEngine

/// A PIN reset brought back by a PC after the repository was restored from a backup older than
/// the reset (or older than the learner): the PC pushes the learner with the claim of their new
/// DID and the reset statement this repository signed. That statement, checked against this
/// repository's own trust-list key (the current one or one it handed over from), is what lets
/// the id/DID mismatch in; nothing else does.
extension SQLiteRepositoryStore {
    /// True when `learner` carries a reset statement for their claim signed by this repository's
    /// trust-list key, now or before a rotation.
    func ownResetVouches(_ learner: WireLearner) -> Bool {
        Self.resetVouches(learner, authority: authority)
    }

    /// True when the learner's reset statement was signed by `authority`'s trust-list key (the
    /// current one or one it succeeded); both stores ask it.
    static func resetVouches(_ learner: WireLearner, authority: CredentialAuthority?) -> Bool {
        guard let authority, let claim = learner.claim, let statement = learner.reset,
              let current = try? authority.keyring.repositoryKey().didKey.did
        else { return false }
        let successions = (try? authority.keyring.successions()) ?? []
        let keys = [current] + successions.compactMap { $0["previous"]?.stringValue }
        return keys.contains { pinned in
            LearnerResetStatement.problem(statement, learner: learner.id, generation: claim.generation, holderDID: claim.holderDID,
                                          pinned: pinned, successions: successions) == nil
        }
    }

    /// For a learner not known here: a bound id whose claim is signed by another key than the id
    /// derives from is let in only when the claim holds and the repository vouched for it.
    static func resetVouchesForNewLearner(_ learner: WireLearner, ownReset: (WireLearner) -> Bool) -> Bool {
        guard let claim = learner.claim, claim.problem(with: learner, holderDID: claim.holderDID) == nil else { return false }
        return ownReset(learner)
    }

    /// Stores the pushed reset: new PIN hash, DID, sealed key (wrapped), claim and statement; the
    /// old DID is kept as a former one (its attestations still count at issuance).
    static func restoreReset(_ learner: WireLearner, claim: WireLearnerClaim, in transaction: SQLitePushTransaction) throws {
        guard let key = learner.holderKey else { return }
        let sealed = try stored(key, learnerID: learner.id, in: transaction)
        try transaction.db.execute(sql: """
            INSERT OR IGNORE INTO learner_former_did (learner_id, did, replaced_ms)
            SELECT id, holder_did, ? FROM learner WHERE id = ? AND holder_did IS NOT NULL AND holder_did <> ?
            """, arguments: [transaction.nowMs, learner.id, key.did])
        try transaction.db.execute(sql: """
            UPDATE learner SET pin_salt = ?, pin_hash = ?, pin_log_n = ?, pin_block_size = ?, pin_parallelism = ?,
                               holder_did = ?, holder_sealed = ?, holder_salt = ?, holder_log_n = ?, holder_block_size = ?, holder_parallelism = ?,
                               claim = ?, claim_generation = ?, reset_statement = ?, failed_attempts = 0, locked_until_ms = 0
            WHERE id = ?
            """, arguments: [learner.pinSalt, learner.pinHash, learner.pinCost.logN, learner.pinCost.blockSize, learner.pinCost.parallelism,
                              key.did, sealed, key.salt, key.cost.logN, key.cost.blockSize, key.cost.parallelism,
                              claim.json.encodedString, claim.generation, learner.reset?.encodedString, learner.id])
    }
}
