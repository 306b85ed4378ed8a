import Synchronization

/// Work given a time limit that holds even when the work ignores cancellation (a connection
/// attempt to a host that drops packets): the caller gets nil at the limit, and the work is
/// cancelled and left to end on its own.
///
/// ```swift
/// guard let answer = try await Deadline.run(within: .seconds(2), { try await ping() }) else { return "no answer in 2 s" }
/// ```
enum Deadline {
    static func run<Value: Sendable>(within limit: Duration,
                                     _ work: @escaping @Sendable () async throws -> Value) async throws -> Value? {
        try await withCheckedThrowingContinuation { continuation in
            let waiter = Waiter(continuation)
            let task = Task {
                do {
                    let value = try await work()
                    waiter.take()?.resume(returning: value)
                } catch {
                    waiter.take()?.resume(throwing: error)
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                guard let late = waiter.take() else { return }
                task.cancel()
                late.resume(returning: nil)
            }
        }
    }

    /// The caller's continuation, resumed by whichever of the work and the timer ends first.
    private final class Waiter<Value: Sendable>: Sendable {
        private let slot: Mutex<CheckedContinuation<Value?, any Error>?>

        init(_ continuation: CheckedContinuation<Value?, any Error>) {
            slot = Mutex(continuation)
        }

        func take() -> CheckedContinuation<Value?, any Error>? {
            slot.withLock { $0.take() }
        }
    }
}
