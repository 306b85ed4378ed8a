import Basics
import GRDB

/// Keeps a ``StorageCondition`` true for a pool: a write that commits a change ends a full or
/// read-only state, and a probe at open finds out whether the file can be written at all, before
/// the first learner's change (or a PC's push) fails.
///
/// ```swift
/// StorageWatch.start(pool, condition: storage, faultOf: MyStore.storageFault(of:))
/// ```
public enum StorageWatch {
    public static func start(_ pool: DatabasePool, condition: StorageCondition, faultOf: (any Error) -> StorageFault?) {
        pool.add(transactionObserver: CommitWatcher(condition: condition), extent: .databaseLifetime)
        do {
            // Rewrites the header field with its own value: the cheapest write that tells whether
            // the file (or its filesystem) is writable.
            try pool.writeWithoutTransaction { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                try db.execute(sql: "PRAGMA user_version = \(version)")
            }
        } catch {
            if let fault = faultOf(error) { condition.record(fault) }
        }
    }
}

/// Tells the storage condition when a transaction that changed rows committed: `totalChangesCount`
/// grows only with real changes, so a write transaction that only read does not count.
private final class CommitWatcher: TransactionObserver, @unchecked Sendable {
    // Touched only on the writer connection's queue, one transaction at a time.
    private var lastChanges = 0
    let condition: StorageCondition

    init(condition: StorageCondition) { self.condition = condition }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) {
        let changes = db.totalChangesCount
        if changes != lastChanges {
            lastChanges = changes
            condition.writeCommitted()
        }
    }
    func databaseDidRollback(_ db: Database) {
        lastChanges = db.totalChangesCount
    }
}
