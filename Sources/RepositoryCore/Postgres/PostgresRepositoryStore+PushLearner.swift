import Basics
import Foundation
import PostgresNIO
import SecurityPrimitives
import SyncEngine

extension PostgresRepositoryStore {
    /// Makes sure the pushed learner is here and held by the pushing device, by the same rules as
    /// the SQLite store (`SQLiteRepositoryStore.holdLearner`, which explains each): a new learner
    /// only as `LearnerClaimRule` allows, a known one only for a device that holds them (or its
    /// lineage, or the very PIN hash in an epoch after a restore), a newer claim replacing the
    /// PIN hash and sealed key, a reset this repository signed bringing a new DID back. The
    /// learner's lock is held. True when a holder key was added.
    func holdLearner(_ learner: WireLearner, device: String, in push: PostgresPushTransaction,
                     ownReset: (WireLearner) -> Bool) async throws -> Bool {
        let tx = push.tx
        if let known = try await tx.optional("""
            SELECT pin_salt, pin_hash, holder_did, claim FROM learner WHERE id = \(learner.id)
            """, as: (String, String, String?, String?).self) {
            let holds = try await tx.exists("SELECT EXISTS (SELECT 1 FROM device_learner WHERE device = \(device) AND learner_id = \(learner.id))")
            if !holds {
                guard known.0 == learner.pinSalt, known.1 == learner.pinHash else { throw SyncHubError.learnerNotHeld(learner.id) }
                let restart = try await Self.inRestartEpoch(tx)
                let lineage = restart ? true : try await Self.heldInLineage(learner.id, device: device, tx: tx)
                guard lineage else { throw SyncHubError.learnerNotHeld(learner.id) }
                try await tx.execute("INSERT INTO device_learner (device, learner_id) VALUES (\(device), \(learner.id)) ON CONFLICT DO NOTHING")
            }
            let keyAdded = try await fillHolderKey(learner, in: push)
            let storedClaim = known.3.flatMap(WireLearnerClaim.init(storedJSON:))
            if let claim = learner.claim, let did = known.2, claim.holderDID != did, claim.generation > (storedClaim?.generation ?? -1),
               claim.problem(with: learner, holderDID: claim.holderDID) == nil, ownReset(learner) {
                try await restoreReset(learner, claim: claim, in: push)
                return true
            }
            switch LearnerClaimRule.decide(pushed: learner, storedDID: known.2, storedClaim: storedClaim) {
            case .keep: break
            case .refuse(let reason): throw SyncHubError.learnerClaimRefused(learner.id, reason)
            case .replace(let claim): try await replaceClaim(claim, of: learner, in: push)
            }
            return keyAdded
        }
        if try await tx.exists("SELECT EXISTS (SELECT 1 FROM erased_learner WHERE id_hash = \(SessionToken.sha256Hex(learner.id)))") {
            throw SyncHubError.learnerNotHeld(learner.id)
        }
        if let refusal = LearnerClaimRule.refusalForNewLearner(learner),
           !SQLiteRepositoryStore.resetVouchesForNewLearner(learner, ownReset: ownReset) {
            throw SyncHubError.learnerClaimRefused(learner.id, refusal)
        }
        let key = learner.holderKey
        let sealed = try key.map { try push.stored($0, learnerID: learner.id) }
        let cost = learner.pinCost
        try await tx.execute("""
            INSERT INTO learner (id, name, pin_salt, pin_hash, pin_log_n, pin_block_size, pin_parallelism, created_ms,
                                 holder_did, holder_sealed, holder_salt, holder_log_n, holder_block_size, holder_parallelism,
                                 claim, claim_generation, reset_statement)
            VALUES (\(learner.id), \(learner.name), \(learner.pinSalt), \(learner.pinHash), \(cost.logN), \(cost.blockSize), \(cost.parallelism),
                    \(learner.createdMs), \(key?.did), \(sealed), \(key?.salt), \(key?.cost.logN), \(key?.cost.blockSize), \(key?.cost.parallelism),
                    \(learner.claim?.json.encodedString), \(learner.claim?.generation ?? -1), \(learner.reset?.encodedString))
            """)
        try await tx.execute("INSERT INTO device_learner (device, learner_id) VALUES (\(device), \(learner.id)) ON CONFLICT DO NOTHING")
        return false
    }

    static func heldInLineage(_ learnerID: String, device: String, tx: PostgresTransaction) async throws -> Bool {
        try await tx.exists("""
            SELECT EXISTS (SELECT 1 FROM device_learner dl JOIN device d ON d.id = dl.device
              WHERE dl.learner_id = \(learnerID) AND (d.copied_from = \(device) OR d.id = (SELECT copied_from FROM device WHERE id = \(device))))
            """)
    }

    static func inRestartEpoch(_ tx: PostgresTransaction) async throws -> Bool {
        try await tx.exists("SELECT EXISTS (SELECT 1 FROM hub_meta m JOIN hub_epoch e ON e.epoch = m.epoch WHERE e.reason <> 'created')")
    }

    func fillHolderKey(_ learner: WireLearner, in push: PostgresPushTransaction) async throws -> Bool {
        guard let key = learner.holderKey else { return false }
        let sealed = try push.stored(key, learnerID: learner.id)
        return try await push.tx.changes("""
            UPDATE learner SET holder_did = \(key.did), holder_sealed = \(sealed), holder_salt = \(key.salt), holder_log_n = \(key.cost.logN),
                               holder_block_size = \(key.cost.blockSize), holder_parallelism = \(key.cost.parallelism)
            WHERE id = \(learner.id) AND holder_did IS NULL
            """) > 0
    }

    func replaceClaim(_ claim: WireLearnerClaim, of learner: WireLearner, in push: PostgresPushTransaction) async throws {
        guard let key = learner.holderKey else { return }
        let sealed = try push.stored(key, learnerID: learner.id)
        let cost = learner.pinCost
        try await push.tx.execute("""
            UPDATE learner SET pin_salt = \(learner.pinSalt), pin_hash = \(learner.pinHash), pin_log_n = \(cost.logN),
                               pin_block_size = \(cost.blockSize), pin_parallelism = \(cost.parallelism),
                               holder_sealed = \(sealed), holder_salt = \(key.salt), holder_log_n = \(key.cost.logN),
                               holder_block_size = \(key.cost.blockSize), holder_parallelism = \(key.cost.parallelism),
                               claim = \(claim.json.encodedString), claim_generation = \(claim.generation), failed_attempts = 0, locked_until_ms = 0
            WHERE id = \(learner.id) AND holder_did = \(claim.holderDID)
            """)
    }

    func restoreReset(_ learner: WireLearner, claim: WireLearnerClaim, in push: PostgresPushTransaction) async throws {
        guard let key = learner.holderKey else { return }
        let sealed = try push.stored(key, learnerID: learner.id)
        let cost = learner.pinCost
        try await push.tx.execute("""
            INSERT INTO learner_former_did (learner_id, did, replaced_ms)
            SELECT id, holder_did, \(push.nowMs) FROM learner WHERE id = \(learner.id) AND holder_did IS NOT NULL AND holder_did <> \(key.did)
            ON CONFLICT DO NOTHING
            """)
        try await push.tx.execute("""
            UPDATE learner SET pin_salt = \(learner.pinSalt), pin_hash = \(learner.pinHash), pin_log_n = \(cost.logN),
                               pin_block_size = \(cost.blockSize), pin_parallelism = \(cost.parallelism),
                               holder_did = \(key.did), holder_sealed = \(sealed), holder_salt = \(key.salt), holder_log_n = \(key.cost.logN),
                               holder_block_size = \(key.cost.blockSize), holder_parallelism = \(key.cost.parallelism),
                               claim = \(claim.json.encodedString), claim_generation = \(claim.generation),
                               reset_statement = \(learner.reset?.encodedString), failed_attempts = 0, locked_until_ms = 0
            WHERE id = \(learner.id)
            """)
    }
}
