/// One turn at a time per key: the PIN checks of one learner run one after another, so a burst of
/// guesses costs one scrypt at a time and each waiting guess sees the lock the earlier ones set.
/// Different keys run side by side. Waiters are served in arrival order; at most `maxWaiting`
/// wait per key, beyond that ``KeyedTurns/Busy`` is thrown at once (a flood gets a quick answer
/// instead of a queue that grows without bound).
///
/// ```swift
/// let turns = KeyedTurns(maxWaiting: 64)
/// let outcome = try await turns.run(key: learnerID) { try await checkPIN() }
/// ```
public actor KeyedTurns {
    /// Too many requests already wait for this key.
    public struct Busy: Error, Sendable {}

    private let maxWaiting: Int
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var held: Set<String> = []

    public init(maxWaiting: Int = 64) {
        precondition(maxWaiting >= 0)
        self.maxWaiting = maxWaiting
    }

    /// Runs `body` when no other turn of `key` runs.
    public func run<T: Sendable>(key: String, _ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire(key)
        defer { release(key) }
        return try await body()
    }

    /// How many turns of `key` wait now (for tests and health).
    public func waitingCount(key: String) -> Int { waiting[key]?.count ?? 0 }

    private func acquire(_ key: String) async throws {
        guard held.contains(key) else {
            held.insert(key)
            return
        }
        guard (waiting[key]?.count ?? 0) < maxWaiting else { throw Busy() }
        // The turn is handed over in release(): `held` stays set for this key meanwhile.
        await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    private func release(_ key: String) {
        if var queue = waiting[key], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[key] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            held.remove(key)
        }
    }
}
