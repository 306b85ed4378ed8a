import Dispatch
import Synchronization

/// Work started on another thread now and waited for later: the sync client reads the next
/// batch from the device's store while the current one is on its way to the hub. The client is
/// synchronous (its transport blocks in libcurl), so this is a thread, not a task.
///
/// ```swift
/// let next = Prefetch { try store.statementBatch(learner: id, limit: 1_000, maxBytes: max, after: sent.lastSeq) }
/// let ack = try transport.push(sent.request)
/// let prepared = try next.value()
/// ```
final class Prefetch<Value: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<Value, any Error>?>(nil)

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let outcome = Result { try work() }
            result.withLock { $0 = outcome }
            done.signal()
        }
    }

    /// The work's value (or its error), waiting for it to finish; call it once.
    func value() throws -> Value {
        done.wait()
        done.signal()
        guard let outcome = result.withLock({ $0 }) else { preconditionFailure("Prefetch finished without a result") }
        return try outcome.get()
    }
}
