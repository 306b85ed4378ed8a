/// One sync run of a device: push every partition's unacknowledged changes in bounded batches,
/// then pull every partition's changes since its checkpoint, then the catalog if it changed.
///
/// Each batch is acknowledged before the next is sent and the checkpoint moves in the same
/// transaction that records the acknowledgement, so a run broken at any point resumes with at most
/// one batch sent again — and that batch changes nothing on the hub.
///
/// ```swift
/// let client = SyncClient(store: store, transport: transport, batchSize: 1000)
/// let report = try client.run { progress in print(progress.phase) }
/// ```
public struct SyncClient<Store: SyncClientStore, Transport: SyncTransport>: Sendable {
    public let store: Store
    public let transport: Transport
    public let batchSize: Int
    /// A run never loops forever, even if a learner keeps writing while it pushes.
    public let maxRequestsPerRun: Int

    public init(store: Store, transport: Transport, batchSize: Int = SyncWireFormat.maxBatchItems, maxRequestsPerRun: Int = 100_000) {
        precondition((1...SyncWireFormat.maxBatchItems).contains(batchSize), "batch size out of range")
        self.store = store
        self.transport = transport
        self.batchSize = batchSize
        self.maxRequestsPerRun = maxRequestsPerRun
    }

    /// A hub found in a new epoch makes the run start over; twice in one run means something is
    /// wrong with the hub, and the next run tries again.
    static var maxStartOvers: Int { 2 }

    public func run(progress: (SyncProgress) -> Void = { _ in }) throws -> SyncReport {
        var report = SyncReport()
        while true {
            for cursor in try store.partitions() {
                try push(learner: cursor.learner, report: &report, progress: progress)
            }
            guard try pull(report: &report, progress: progress) == .startOver else { break }
            guard report.hubStartOvers <= Self.maxStartOvers else { throw SyncClientError.hubEpochUnstable }
        }
        progress(SyncProgress(phase: .done, learner: nil, pushedStatements: report.pushedStatements, pulledStatements: report.pulledStatements))
        return report
    }

    func push(learner: String, report: inout SyncReport, progress: (SyncProgress) -> Void) throws {
        while let batch = try store.pendingBatch(learner: learner, limit: batchSize) {
            guard report.requests < maxRequestsPerRun else { return }
            var request = batch.request
            request.witness = try store.hubWitness()
            let ack = try transport.push(request)
            guard ack.batch == batch.request.batch else { throw SyncClientError.mismatchedAcknowledgement }
            // A witness from another epoch is left for the pull, which starts over.
            if let hub = ack.hub { try store.keep(hub) }
            try store.acknowledge(batch, response: ack)
            report.pushBatches += 1
            report.pushedStatements += batch.request.statements.count
            report.pushedRecords += batch.request.records.count
            report.duplicates += ack.duplicates
            report.conflicts += ack.conflicts
            if ack.replayed { report.replayedBatches += 1 }
            progress(SyncProgress(phase: .pushing, learner: learner, pushedStatements: report.pushedStatements, pulledStatements: 0))
        }
    }

    enum PullOutcome { case done, startOver }

    func pull(report: inout SyncReport, progress: (SyncProgress) -> Void) throws -> PullOutcome {
        var cursors = try store.partitions()
        var catalogVersion: String?
        while report.requests < maxRequestsPerRun {
            let answer = try transport.pull(PullRequest(replica: store.replica, limit: batchSize, partitions: cursors,
                                                        witness: try store.hubWitness()))
            report.pullRequests += 1
            if let hub = answer.hub {
                if let kept = try store.hubWitness(), kept.epoch != hub.epoch {
                    // Nothing of this answer is applied: its checkpoints belong to the new epoch,
                    // and every partition is pulled from zero after the resend.
                    try store.startOver(at: hub)
                    report.hubStartOvers += 1
                    return .startOver
                }
                try store.keep(hub)
            }
            catalogVersion = answer.catalogVersion
            var again: [PullRequest.Cursor] = []
            for partition in answer.partitions {
                guard cursors.contains(where: { $0.learner == partition.learner }) else { continue }
                try store.applyPulled(partition)
                report.pulledStatements += partition.statements.count
                report.pulledRecords += partition.records.count
                if partition.more { again.append(PullRequest.Cursor(learner: partition.learner, since: partition.next)) }
            }
            progress(SyncProgress(phase: .pulling, learner: nil, pushedStatements: report.pushedStatements, pulledStatements: report.pulledStatements))
            if again.isEmpty { break }
            cursors = again
        }
        if let catalogVersion, try store.catalogVersion() != catalogVersion {
            progress(SyncProgress(phase: .catalog, learner: nil, pushedStatements: report.pushedStatements, pulledStatements: report.pulledStatements))
            let envelope = try transport.catalog()
            try store.storeCatalog(envelope)
            report.catalogUpdated = true
        }
        return .done
    }
}

public enum SyncClientError: Error, Equatable, CustomStringConvertible {
    case mismatchedAcknowledgement
    /// The hub changed epoch again while the device was resending after the last change.
    case hubEpochUnstable

    public var description: String {
        switch self {
        case .mismatchedAcknowledgement: "the repository acknowledged a different batch than the one sent"
        case .hubEpochUnstable:
            "the repository was restored or went back in time more than once during this sync; the next sync sends everything again (if it keeps happening, check the repository's disk and backups)"
        }
    }
}
