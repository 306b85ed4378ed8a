import Logging
import RepositoryCore
import ServiceLifecycle

/// Prunes what the repository keeps only for a while (`RepositoryRetention`) at start and then
/// every hour, until the server shuts down. Each pass deletes in small transactions, so pushes
/// never wait long behind it.
///
/// ```swift
/// let services: [any Service] = [app, RetentionService(store: store, logger: logger)]
/// ```
struct RetentionService: Service {
    let store: any RepositoryStore
    let logger: Logger
    var every: Duration = .seconds(3_600)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let pruned = try await store.prune()
                    if !pruned.isEmpty {
                        logger.info("pruned", metadata: ["batch_log": "\(pruned.batchLogEntries)", "witness_marks": "\(pruned.witnessMarks)"])
                    }
                } catch {
                    logger.error("pruning failed; the next pass tries again", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: every)
            }
        }
    }
}
