import Dispatch
import Synchronization
import SyncEngine

/// A batch read on another thread while the one before it is on its way to the hub
/// (`SyncClientStore.prepareStatementBatch`). The sync client is synchronous (its transport blocks
/// in libcurl), so this is a thread, not a task; SyncEngine leaves threads to the store.
///
/// ```swift
/// let next = BatchPrefetch { try store.statementBatch(learner: id, limit: 1_000, maxBytes: max, after: sent.lastSeq) }
/// let ack = try transport.push(sent.request)
/// let prepared = try next.value()
/// ```
final class BatchPrefetch: PreparedBatch, Sendable {
    typealias Value = PendingBatch?
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
