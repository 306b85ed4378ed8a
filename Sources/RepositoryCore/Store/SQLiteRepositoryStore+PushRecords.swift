import SyncEngine

extension SQLiteRepositoryStore {
    /// Before anything else: a PC never writes what only the hub issues (`credential/…`).
    static func refuseReservedRecords(_ records: [WireRecord]) throws {
        if let reserved = records.first(where: { RecordKey.isReserved($0.key) }) {
            throw SyncHubError.reservedRecord(reserved.key)
        }
    }

    /// Every pushed record version is kept and merged into the learner's record, through the same
    /// path the repository's own records take (`SQLitePushTransaction.appendRecord`).
    static func mergeRecords(_ records: [WireRecord], learnerID: String, origin: Int64, in transaction: SQLitePushTransaction) throws {
        for record in records {
            try transaction.appendRecord(record.state, key: record.key, learnerID: learnerID, origin: origin)
        }
    }
}
