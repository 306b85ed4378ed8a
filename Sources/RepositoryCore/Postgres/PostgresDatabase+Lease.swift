import PostgresNIO
import Synchronization

extension PostgresDatabase {
    /// How long a request waits for a connection from the pool. The pool itself waits forever
    /// while PostgreSQL is away (it retries its connections), so without this a push or a pull
    /// would hold its turn until PostgreSQL came back, long after the PC gave up. Long enough
    /// that a pool merely busy with a rush is waited for.
    static let leaseTimeout = Duration.seconds(30)

    /// Runs `body` on a pooled connection, or throws ``PostgresStoreError/noConnection(within:)``
    /// when none is handed over within `limit`. Only the wait is bounded: once `body` has its
    /// connection it runs to the end, so a transaction is never abandoned half-way.
    func withConnection<Result: Sendable>(within limit: Duration = leaseTimeout,
                                          _ body: @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        let lease = LeaseRace()
        return try await withoutActuallyEscaping(body) { body in
            try await withThrowingTaskGroup(of: Result?.self) { group in
                group.addTask {
                    try await self.client.withConnection { connection in
                        guard lease.take() else { throw CancellationError() }
                        return try await body(connection)
                    }
                }
                group.addTask {
                    // Cancelled (and harmless) when the work ends first.
                    try? await Task.sleep(for: limit)
                    if lease.giveUp() { throw PostgresStoreError.noConnection(within: limit) }
                    return nil
                }
                while let next = try await group.next() {
                    if let value = next {
                        group.cancelAll()
                        return value
                    }
                }
                // Unreachable: the work child either returns a value or throws.
                throw PostgresStoreError.noConnection(within: limit)
            }
        }
    }
}

/// Who wins between a connection handed over and the lease deadline: exactly one of them.
final class LeaseRace: Sendable {
    private let state = Mutex<(taken: Bool, gaveUp: Bool)>((false, false))

    /// The connection arrived: true unless the deadline passed first.
    func take() -> Bool {
        state.withLock { state in
            if state.gaveUp { return false }
            state.taken = true
            return true
        }
    }

    /// The deadline passed: true unless the connection arrived first.
    func giveUp() -> Bool {
        state.withLock { state in
            if state.taken { return false }
            state.gaveUp = true
            return true
        }
    }
}
