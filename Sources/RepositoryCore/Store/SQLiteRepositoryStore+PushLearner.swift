import GRDB
import SyncEngine

extension SQLiteRepositoryStore {
    /// Makes sure the pushed learner is here and held by the pushing device: a new learner is
    /// created (with their PIN hash and sealed holder key) and held by that device; a known one
    /// must already be held by it, and only gets a holder key when they have none. A known
    /// learner's PIN hash and sealed key change only with a newer claim signed by their stored
    /// holder DID (`LearnerClaimRule`: how `wallet-cli pin change` reaches the repository); a new
    /// learner is created only as that rule allows (an id bound to a key needs that key's claim,
    /// so an id cannot be squatted). True when a holder key was added: issuance then looks at
    /// every course, since a credential needs the key.
    ///
    /// A PC copied from another (`enrolCopy`) shares its learners both ways, as the two copies
    /// share the learner's data and PIN hash (`heldInLineage`).
    ///
    /// After a restore the copy does not know which PCs took up a learner since it was made: the
    /// learners created since are created again by whichever PC resends them first (the PC that
    /// created them may come second), and fetches made since are gone. So in an epoch started by
    /// a restore or a rollback, a device that sends the very PIN hash stored for a learner holds
    /// them too: only a PC that had the learner (created there, or fetched with the PIN) has it,
    /// and fetching with the PIN would give it the same.
    ///
    /// `ownReset` tells whether the pushed learner carries a reset statement this repository
    /// signed for their claim (`LearnerResetStatement`): after a restore from a backup older than
    /// a PIN reset, the learner's PC brings the new DID back, and only that statement lets it in.
    static func holdLearner(_ learner: WireLearner, device: String, in transaction: SQLitePushTransaction,
                            ownReset: (WireLearner) -> Bool = { _ in false }) throws -> Bool {
        let db = transaction.db
        if let known = try Row.fetchOne(db.cachedStatement(sql: "SELECT pin_salt, pin_hash, holder_did, claim FROM learner WHERE id = ?"),
                                        arguments: [learner.id]) {
            let holds = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM device_learner WHERE device = ? AND learner_id = ?)"),
                                          arguments: [device, learner.id]) == true
            if !holds {
                // Naming a learner is not enough to get their history: fetch them with their PIN.
                guard known["pin_salt"] == learner.pinSalt, known["pin_hash"] == learner.pinHash,
                      try inRestartEpoch(db) || heldInLineage(learner.id, device: device, db: db)
                else { throw SyncHubError.learnerNotHeld(learner.id) }
                try db.execute(sql: "INSERT OR IGNORE INTO device_learner (device, learner_id) VALUES (?, ?)", arguments: [device, learner.id])
            }
            let keyAdded = try fillHolderKey(learner, in: transaction)
            if let claim = learner.claim, let did: String = known["holder_did"], claim.holderDID != did,
               claim.generation > (Self.claim(known)?.generation ?? -1), claim.problem(with: learner, holderDID: claim.holderDID) == nil, ownReset(learner) {
                try restoreReset(learner, claim: claim, in: transaction)
                return true
            }
            switch LearnerClaimRule.decide(pushed: learner, storedDID: known["holder_did"], storedClaim: claim(known)) {
            case .keep: break
            case .refuse(let reason): throw SyncHubError.learnerClaimRefused(learner.id, reason)
            case .replace(let claim): try replaceClaim(claim, of: learner, in: transaction)
            }
            return keyAdded
        }
        // An erased learner stays erased: a PC that still holds them is refused as for any
        // learner it does not hold (it keeps their data and shows them held back).
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM erased_learner WHERE id_hash = ?)"),
                             arguments: [sha256Hex(learner.id)]) == true {
            throw SyncHubError.learnerNotHeld(learner.id)
        }
        if let refusal = LearnerClaimRule.refusalForNewLearner(learner), !Self.resetVouchesForNewLearner(learner, ownReset: ownReset) {
            throw SyncHubError.learnerClaimRefused(learner.id, refusal)
        }
        let key = learner.holderKey
        let sealed = try key.map { try stored($0, learnerID: learner.id, in: transaction) }
        try db.execute(sql: """
            INSERT INTO learner (id, name, pin_salt, pin_hash, pin_log_n, pin_block_size, pin_parallelism, created_ms,
                                 holder_did, holder_sealed, holder_salt, holder_log_n, holder_block_size, holder_parallelism,
                                 claim, claim_generation, reset_statement)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [learner.id, learner.name, learner.pinSalt, learner.pinHash, learner.pinCost.logN, learner.pinCost.blockSize, learner.pinCost.parallelism, learner.createdMs,
                              key?.did, sealed, key?.salt, key?.cost.logN, key?.cost.blockSize, key?.cost.parallelism,
                              learner.claim?.json.encodedString, learner.claim?.generation ?? -1, learner.reset?.encodedString])
        try db.execute(sql: "INSERT OR IGNORE INTO device_learner (device, learner_id) VALUES (?, ?)", arguments: [device, learner.id])
        return false
    }

    /// True when a device this one was copied from, or one copied from it, holds the learner. A
    /// PC copied before it first announced a learner holds that learner as much as the original:
    /// whichever of the two announces them first, the other must not be locked out.
    static func heldInLineage(_ learnerID: String, device: String, db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM device_learner dl JOIN device d ON d.id = dl.device
              WHERE dl.learner_id = ? AND (d.copied_from = ? OR d.id = (SELECT copied_from FROM device WHERE id = ?)))
            """), arguments: [learnerID, device, device]) == true
    }

    /// True when the current epoch was started by a restore or a rollback (not the database's first).
    static func inRestartEpoch(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM hub_meta m JOIN hub_epoch e ON e.epoch = m.epoch WHERE e.reason <> 'created')
            """)) == true
    }

    /// A learner stored without a holder key (created before keys existed) gets the one a later
    /// push carries; a stored key is never replaced. True when one was added.
    static func fillHolderKey(_ learner: WireLearner, in transaction: SQLitePushTransaction) throws -> Bool {
        guard let key = learner.holderKey else { return false }
        let db = transaction.db
        let sealed = try stored(key, learnerID: learner.id, in: transaction)
        try db.execute(sql: """
            UPDATE learner SET holder_did = ?, holder_sealed = ?, holder_salt = ?, holder_log_n = ?, holder_block_size = ?, holder_parallelism = ?
            WHERE id = ? AND holder_did IS NULL
            """, arguments: [key.did, sealed, key.salt, key.cost.logN, key.cost.blockSize, key.cost.parallelism, learner.id])
        return db.changesCount > 0
    }

    /// Stores a newer claim and what it states: the PIN hash (its lock-out starts afresh) and the
    /// sealed holder key, re-sealed under the new PIN by the learner's PC (same DID). Learner
    /// fetch serves them from now on; PCs holding the learner get the claim with their next pull.
    static func replaceClaim(_ claim: WireLearnerClaim, of learner: WireLearner, in transaction: SQLitePushTransaction) throws {
        guard let key = learner.holderKey else { return }   // a replaceable claim always comes with its key
        let sealed = try stored(key, learnerID: learner.id, in: transaction)
        try transaction.db.execute(sql: """
            UPDATE learner SET pin_salt = ?, pin_hash = ?, pin_log_n = ?, pin_block_size = ?, pin_parallelism = ?,
                               holder_sealed = ?, holder_salt = ?, holder_log_n = ?, holder_block_size = ?, holder_parallelism = ?,
                               claim = ?, claim_generation = ?, failed_attempts = 0, locked_until_ms = 0
            WHERE id = ? AND holder_did = ?
            """, arguments: [learner.pinSalt, learner.pinHash, learner.pinCost.logN, learner.pinCost.blockSize, learner.pinCost.parallelism,
                              sealed, key.salt, key.cost.logN, key.cost.blockSize, key.cost.parallelism,
                              claim.json.encodedString, claim.generation, learner.id, claim.holderDID])
    }

    /// The sealed key as stored: wrapped under the repository's secret (`HolderKeyWrap`).
    static func stored(_ key: WireHolderKey, learnerID: String, in transaction: SQLitePushTransaction) throws -> String {
        guard let wrap = transaction.holderWrap else { return key.sealed }
        return try wrap.wrap(key.sealed, learnerID: learnerID)
    }
}
