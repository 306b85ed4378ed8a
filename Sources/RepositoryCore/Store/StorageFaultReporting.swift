import Basics

/// A store that can say what a failed call means for its storage (full, read-only, damaged) and
/// keeps the last fault for the health route. The server puts `StorageFaultMiddleware` in front of
/// the routes of a store that reports, so those faults answer 507/503 with their own codes.
///
/// ```swift
/// if let reporting = store as? any StorageFaultReporting {
///     print(reporting.storage.word)                     // "ok", "full", "read_only", "damaged"
///     reporting.storageFault(of: error)                 // .full for SQLITE_FULL
/// }
/// ```
public protocol StorageFaultReporting: Sendable {
    var storage: StorageCondition { get }
    func storageFault(of error: any Error) -> StorageFault?
}

extension SQLiteRepositoryStore: StorageFaultReporting {
    public func storageFault(of error: any Error) -> StorageFault? { Self.storageFault(of: error) }
}
