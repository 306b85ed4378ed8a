import Foundation
import GRDB
import SyncEngine

/// Epochs: how the hub notices it went back in time and tells the devices to fill it again.
/// The rules are `HubWitness`'s; docs/SYNC.md, "When the repository goes back in time", tells
/// the admin's side.
extension SQLiteRepositoryStore {
    public func startNewEpoch(reason: String) throws -> String {
        let now = nowMs()
        return try pool.write { db in try Self.startNewEpoch(reason: reason, nowMs: now, db: db) }
    }

    /// The current epoch.
    public func epoch() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT epoch FROM hub_meta") ?? "" }
    }

    static func startNewEpoch(reason: String, nowMs: Int64, db: Database) throws -> String {
        let epoch = HubWitness.randomToken()
        // A new replica id too: the hub's own counters went back with it, and a dot written again
        // with other content would be dropped by every PC that has the first one.
        try db.execute(sql: "UPDATE hub_meta SET epoch = ?, replica = ?", arguments: [epoch, UUID().uuidString.lowercased()])
        try db.execute(sql: "INSERT INTO hub_epoch (epoch, started_ms, change_seq, reason) SELECT ?, ?, change_seq, ? FROM hub_meta",
                       arguments: [epoch, nowMs, String(reason.prefix(500))])
        return epoch
    }

    /// Where the hub stands now, sealed.
    func currentWitness(_ db: Database) throws -> HubWitness {
        guard let row = try Row.fetchOne(db, sql: "SELECT epoch, change_seq FROM hub_meta") else {
            throw RepositoryStoreError.corrupt("no hub_meta row")
        }
        let seq: Int64 = row["change_seq"]
        let mark = try String.fetchOne(db, sql: "SELECT mark FROM hub_head WHERE seq = ?", arguments: [seq]) ?? ""
        return HubWitness.sealed(epoch: row["epoch"], seq: seq, mark: mark, key: witnessKey)
    }

    /// Gives the transaction that advanced the change sequence its mark, and returns the witness
    /// the push answers with.
    func markHead(in transaction: SQLitePushTransaction) throws -> HubWitness {
        if transaction.changeSeq > transaction.startSeq {
            try transaction.db.execute(sql: "INSERT INTO hub_head (seq, mark, created_ms) VALUES (?, ?, ?)",
                                       arguments: [transaction.changeSeq, HubWitness.randomToken(), transaction.nowMs])
        }
        return try currentWitness(transaction.db)
    }

    /// A device's witness that proves the hub went back in time starts a new epoch, at most once
    /// per rollback: the witness is from the epoch it ends, so the next one proves nothing. Read
    /// first, so an ordinary pull never waits for the writer.
    func startNewEpochIfWitnessShowsRollback(_ witness: HubWitness?, device: String) throws {
        guard let witness, try pool.read({ db in try showsRollback(witness, db) }) else { return }
        let now = nowMs()
        let reason = "device \(device) had seen change \(witness.seq), which this database no longer holds as it was"
        let started: String? = try pool.write { db in
            guard try showsRollback(witness, db) else { return nil }
            return try Self.startNewEpoch(reason: reason, nowMs: now, db: db)
        }
        if let started { onNewEpoch?(started, reason) }
    }

    /// Marks older than the retention's horizon are pruned: a witness from before it cannot be
    /// checked and is taken as good (a PC offline that long shows nothing the hub can disprove).
    /// The same, inside a push's transaction: the batch is then applied in the new epoch.
    func startNewEpochIfWitnessShowsRollback(_ witness: HubWitness?, device: String, nowMs: Int64, db: Database) throws -> (epoch: String, reason: String)? {
        guard let witness, try showsRollback(witness, db) else { return nil }
        let reason = "device \(device) had seen change \(witness.seq), which this database no longer holds as it was"
        return (try Self.startNewEpoch(reason: reason, nowMs: nowMs, db: db), reason)
    }

    func showsRollback(_ witness: HubWitness, _ db: Database) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "SELECT epoch, change_seq, marks_kept_from FROM hub_meta") else { return false }
        let keptFrom: Int64 = row["marks_kept_from"]
        return try witness.showsRollback(epoch: row["epoch"], key: witnessKey, head: row["change_seq"]) { seq in
            if seq < keptFrom { return witness.mark }
            return try String.fetchOne(db, sql: "SELECT mark FROM hub_head WHERE seq = ?", arguments: [seq])
        }
    }
}
