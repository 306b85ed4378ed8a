import GRDB
import SyncEngine

/// The hub witness this PC keeps, and the start-over after the repository went back in time
/// (restored from an older copy, or a power cut under `--synchronous normal`).
extension WalletSyncStore {
    public func hubWitness() throws -> HubWitness? {
        try store.readNow { db in try Self.keptWitness(db) }
    }

    public func keep(_ witness: HubWitness) throws {
        try store.writeNow { db in
            if let kept = try Self.keptWitness(db), kept.epoch != witness.epoch || kept.seq >= witness.seq { return }
            try Self.write(witness, db: db)
        }
    }

    public func startOver(at witness: HubWitness) throws {
        try store.writeNow { db in
            // Learners never synced yet get their row, so one UPDATE covers everyone.
            try db.execute(sql: "INSERT OR IGNORE INTO sync_partition (learner_id) SELECT id FROM learner")
            // Everything held, pulled statements too: the hub may have lost statements whose
            // first PC is gone, and only PCs that pulled them still have them.
            try db.execute(sql: """
                UPDATE sync_partition SET pushed_seq = 0, pulled_since = 0, announced = 0,
                  resend_through = COALESCE((SELECT MAX(seq) FROM statement WHERE statement.learner_id = sync_partition.learner_id), 0)
                """)
            try db.execute(sql: "UPDATE record SET dirty = 1")
            try Self.write(witness, db: db)
        }
    }

    static func keptWitness(_ db: Database) throws -> HubWitness? {
        guard let row = try Row.fetchOne(db, sql: "SELECT hub_epoch, hub_seq, hub_mark, hub_seal FROM sync_identity WHERE singleton = 1"),
              let epoch: String = row["hub_epoch"], let seq: Int64 = row["hub_seq"], let mark: String = row["hub_mark"],
              let seal: String = row["hub_seal"]
        else { return nil }
        return HubWitness(epoch: epoch, seq: seq, mark: mark, seal: seal)
    }

    static func write(_ witness: HubWitness, db: Database) throws {
        try db.execute(sql: "UPDATE sync_identity SET hub_epoch = ?, hub_seq = ?, hub_mark = ?, hub_seal = ? WHERE singleton = 1",
                       arguments: [witness.epoch, witness.seq, witness.mark, witness.seal])
    }
}

extension WalletStore {
    /// The repository's epoch this PC last saw (nil before its first sync with a hub that has epochs).
    public func hubEpoch() throws -> String? {
        try readNow { db in try WalletSyncStore.keptWitness(db)?.epoch }
    }
}
