import Synchronization

/// The storage fault a daemon's database last showed, for its health route: set when a request or
/// background work meets a full disk, a read-only or a damaged database; a full or read-only state
/// is lifted by the next write that commits (space came back, the mount was fixed), while damage
/// stays until the daemon is restarted on a checked or restored database.
///
/// ```swift
/// let condition = StorageCondition()
/// condition.record(.full)           // a write failed with SQLITE_FULL
/// condition.fault                   // .full → health says "storage": "full"
/// condition.writeCommitted()        // a later write succeeded
/// condition.fault                   // nil
/// ```
public final class StorageCondition: Sendable {
    private let state = Mutex<StorageFault?>(nil)

    public init(_ fault: StorageFault? = nil) {
        state.withLock { $0 = fault }
    }

    /// The current fault, nil when the storage is fine.
    public var fault: StorageFault? { state.withLock { $0 } }

    /// The health word: `ok`, `full`, `read_only` or `damaged`.
    public var word: String { fault?.rawValue ?? "ok" }

    public func record(_ fault: StorageFault) {
        state.withLock { current in
            // Damage outranks the others: a full disk on a damaged file is still a damaged file.
            if current != .damaged { current = fault }
        }
    }

    /// A write transaction that changed something committed: the disk had room and was writable.
    public func writeCommitted() {
        state.withLock { current in
            if current != .damaged { current = nil }
        }
    }
}
