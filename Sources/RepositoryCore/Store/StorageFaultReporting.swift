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

/// A store behind a network whose health is a round trip: `GET /health` asks it, so a load
/// balancer takes an instance that cannot reach its database out of rotation.
///
/// ```swift
/// if let probing = store as? any DatabaseProbing, let problem = await probing.probe() { print(problem) }
/// ```
public protocol DatabaseProbing: Sendable {
    /// Nil when the database answers; otherwise what is wrong, for an admin.
    func probe() async -> String?
}
