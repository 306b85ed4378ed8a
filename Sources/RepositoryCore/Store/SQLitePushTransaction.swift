import GRDB
import SyncEngine

/// One push's write transaction in the SQLite store: the database handle, the hub's change
/// sequence as the push advances it, and the push's clock reading. Every step of the push and the
/// issuance it may run write through this one value, so the sequence numbers they hand out never
/// collide; `SQLiteRepositoryStore.rememberBatch` saves the sequence with the batch. It lives only
/// inside `pool.write` and never leaves it.
///
/// ```swift
/// try pool.write { db in
///     let transaction = try SQLitePushTransaction(db, nowMs: now)
///     try transaction.appendRecord(state, key: "profile/name", learnerID: "ana", origin: try transaction.replicaNumber(pc))
///     try db.execute(sql: "UPDATE hub_meta SET change_seq = ?", arguments: [transaction.changeSeq])
/// }
/// ```
final class SQLitePushTransaction {
    let db: Database
    /// The repository's own replica: it writes the records it issues.
    let hubReplica: ReplicaID
    let nowMs: Int64
    /// The last sequence number handed out; saved to `hub_meta` when the batch is remembered.
    var changeSeq: Int64
    /// The sequence number before this push.
    let startSeq: Int64
    /// Versions kept per record in its history (`RepositoryRetention.recordVersions`; 0: all).
    let keptRecordVersions: Int
    /// Wraps a new learner's sealed holder key before it is stored (nil: stored as sent, for a
    /// store without a keys folder it may write).
    let holderWrap: HolderKeyWrap?

    /// Reads the hub's replica in the transaction: a new epoch changes it.
    init(_ db: Database, nowMs: Int64, keptRecordVersions: Int = 0, holderWrap: HolderKeyWrap? = nil) throws {
        self.db = db
        self.keptRecordVersions = keptRecordVersions
        self.holderWrap = holderWrap
        self.hubReplica = try SQLiteRepositoryStore.replica(db)
        self.nowMs = nowMs
        changeSeq = try Int64.fetchOne(db, sql: "SELECT change_seq FROM hub_meta") ?? 0
        startSeq = changeSeq
    }

    /// The next change sequence number, taken.
    func nextSequence() -> Int64 {
        changeSeq += 1
        return changeSeq
    }

    /// A replica as the small integer the replica table gives it (added on first sight), so the
    /// per-statement and per-version bookkeeping stays a few bytes.
    func replicaNumber(_ replica: ReplicaID) throws -> Int64 {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM replica WHERE replica = ?"), arguments: [replica.rawValue]) { return id }
        try db.execute(sql: "INSERT INTO replica (replica) VALUES (?)", arguments: [replica.rawValue])
        return db.lastInsertedRowID
    }
}
