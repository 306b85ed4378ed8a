/// At most `limit` bodies run at once; up to `maxWaiting` more wait their turn in arrival order,
/// and beyond that ``ConcurrencyLimit/Busy`` is thrown at once. For work a stranger can ask for
/// that costs real memory or CPU (the public `POST /verify`), so a burst queues briefly or is told
/// to come back instead of taking the server down.
///
/// ```swift
/// let verifications = ConcurrencyLimit(limit: 2, maxWaiting: 16)
/// let page = try await verifications.run { VerifyPage.respond(toForm: body, …) }
/// ```
public actor ConcurrencyLimit {
    /// Too many are running and waiting already.
    public struct Busy: Error, Sendable {}

    public let limit: Int
    public let maxWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int, maxWaiting: Int) {
        precondition(limit > 0 && maxWaiting >= 0)
        self.limit = limit
        self.maxWaiting = maxWaiting
    }

    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    /// How many run now and how many wait (for tests and health).
    public var load: (running: Int, waiting: Int) { (running, waiting.count) }

    private func acquire() async throws {
        if running < limit {
            running += 1
            return
        }
        guard waiting.count < maxWaiting else { throw Busy() }
        // The slot is handed over in release(): `running` does not drop meanwhile.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
