import GRDB
import SyncEngine

extension SQLiteRepositoryStore {
    /// Makes sure the pushed learner is here and held by the pushing device: a new learner is
    /// created (with their PIN hash and sealed holder key) and held by that device; a known one
    /// must already be held by it, and only gets a holder key when they have none. A push never
    /// changes a known learner's PIN. True when a holder key was added: issuance then looks at
    /// every course, since a credential needs the key.
    static func holdLearner(_ learner: WireLearner, device: String, in transaction: SQLitePushTransaction) throws -> Bool {
        let db = transaction.db
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM learner WHERE id = ?)"), arguments: [learner.id]) == true {
            // Naming a learner is not enough to get their history: fetch them with their PIN.
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM device_learner WHERE device = ? AND learner_id = ?)"),
                                    arguments: [device, learner.id]) == true
            else { throw SyncHubError.learnerNotHeld(learner.id) }
            return try fillHolderKey(learner, db: db)
        }
        let key = learner.holderKey
        try db.execute(sql: """
            INSERT INTO learner (id, name, pin_salt, pin_hash, pin_log_n, pin_block_size, pin_parallelism, created_ms,
                                 holder_did, holder_sealed, holder_salt, holder_log_n, holder_block_size, holder_parallelism)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [learner.id, learner.name, learner.pinSalt, learner.pinHash, learner.pinCost.logN, learner.pinCost.blockSize, learner.pinCost.parallelism, learner.createdMs,
                              key?.did, key?.sealed, key?.salt, key?.cost.logN, key?.cost.blockSize, key?.cost.parallelism])
        try db.execute(sql: "INSERT OR IGNORE INTO device_learner (device, learner_id) VALUES (?, ?)", arguments: [device, learner.id])
        return false
    }

    /// A learner stored without a holder key (created before keys existed) gets the one a later
    /// push carries; a stored key is never replaced. True when one was added.
    static func fillHolderKey(_ learner: WireLearner, db: Database) throws -> Bool {
        guard let key = learner.holderKey else { return false }
        try db.execute(sql: """
            UPDATE learner SET holder_did = ?, holder_sealed = ?, holder_salt = ?, holder_log_n = ?, holder_block_size = ?, holder_parallelism = ?
            WHERE id = ? AND holder_did IS NULL
            """, arguments: [key.did, key.sealed, key.salt, key.cost.logN, key.cost.blockSize, key.cost.parallelism, learner.id])
        return db.changesCount > 0
    }
}
