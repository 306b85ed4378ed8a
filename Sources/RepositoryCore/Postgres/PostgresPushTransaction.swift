import PostgresNIO
import SyncEngine

/// One push's transaction in the PostgreSQL store: the connection, the push's clock reading, and
/// the highest change number the push took (so its witness mark is written once, at the end).
/// Change numbers come from the `hub_change_seq` sequence while the learner's lock is held, so a
/// learner's changes become visible to pulls in the order of their numbers.
///
/// ```swift
/// let push = PostgresPushTransaction(tx, nowMs: now, hubReplica: replica, keptRecordVersions: 0, holderWrap: nil)
/// let origin = try await push.replicaNumber(request.replica)
/// ```
final class PostgresPushTransaction {
    let tx: PostgresTransaction
    let nowMs: Int64
    let hubReplica: ReplicaID
    let keptRecordVersions: Int
    let holderWrap: HolderKeyWrap?
    /// The highest change number this transaction took; 0 when none.
    var highestSeq: Int64 = 0

    init(_ tx: PostgresTransaction, nowMs: Int64, hubReplica: ReplicaID, keptRecordVersions: Int, holderWrap: HolderKeyWrap?) {
        self.tx = tx
        self.nowMs = nowMs
        self.hubReplica = hubReplica
        self.keptRecordVersions = keptRecordVersions
        self.holderWrap = holderWrap
    }

    func took(_ seq: Int64) {
        highestSeq = max(highestSeq, seq)
    }

    /// A replica as the small integer the replica table gives it (added on first sight; two
    /// instances adding the same one at once both get the one row).
    func replicaNumber(_ replica: ReplicaID) async throws -> Int64 {
        if let id = try await tx.optional("SELECT id FROM replica WHERE replica = \(replica.rawValue)", as: Int64.self) { return id }
        try await tx.execute("INSERT INTO replica (replica) VALUES (\(replica.rawValue)) ON CONFLICT (replica) DO NOTHING")
        return try await tx.one("SELECT id FROM replica WHERE replica = \(replica.rawValue)", as: Int64.self)
    }

    /// The sealed key as stored: wrapped under the repository's secret (`HolderKeyWrap`).
    func stored(_ key: WireHolderKey, learnerID: String) throws -> String {
        guard let holderWrap else { return key.sealed }
        return try holderWrap.wrap(key.sealed, learnerID: learnerID)
    }
}
