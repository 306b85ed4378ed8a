/// One sync run of a device: push every partition's unacknowledged changes in bounded batches,
/// then pull every partition's changes since its checkpoint, then the catalog if it changed.
///
/// Each batch is acknowledged before the next is sent and the checkpoint moves in the same
/// transaction that records the acknowledgement, so a run broken at any point resumes with at most
/// one batch sent again — and that batch changes nothing on the hub.
///
/// One bad item or one refused learner never stops the run: see `SyncClient+Isolation.swift`
/// (push) and `SyncClient+Pull.swift` (pull); only a transient or PC-wide failure
/// (`SyncFailure.endRun`) ends it.
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
    /// Bytes of items per push batch (`SyncWireFormat.maxPageBytes`; smaller in tests).
    public let maxBatchBytes: Int
    /// Learners whose push the previous run held back: each is first pushed alone (no items), so
    /// a learner the hub still refuses costs a small request per run, not a full batch.
    public let heldBefore: Set<String>

    public init(store: Store, transport: Transport, batchSize: Int = SyncWireFormat.maxBatchItems, maxRequestsPerRun: Int = 100_000,
                maxBatchBytes: Int = SyncWireFormat.maxPageBytes, heldBefore: Set<String> = []) {
        precondition((1...SyncWireFormat.maxBatchItems).contains(batchSize), "batch size out of range")
        self.store = store
        self.transport = transport
        self.batchSize = batchSize
        self.maxRequestsPerRun = maxRequestsPerRun
        self.maxBatchBytes = maxBatchBytes
        self.heldBefore = heldBefore
    }

    /// A hub found in a new epoch makes the run start over; twice in one run means something is
    /// wrong with the hub, and the next run tries again.
    static var maxStartOvers: Int { 2 }

    public func run(progress: (SyncProgress) -> Void = { _ in }) throws -> SyncReport {
        var report = SyncReport()
        while true {
            do {
                for cursor in try store.partitions() {
                    try push(learner: cursor.learner, report: &report, progress: progress)
                }
                guard try pull(report: &report, progress: progress) == .startOver else { break }
            } catch is HubEpochChanged {
                report.hubStartOvers += 1
            }
            guard report.hubStartOvers <= Self.maxStartOvers else { throw SyncClientError.hubEpochUnstable }
        }
        progress(SyncProgress(phase: .done, learner: nil, pushedStatements: report.pushedStatements, pulledStatements: report.pulledStatements))
        return report
    }

    /// Pushes `learner`'s unacknowledged changes batch by batch. A batch the hub refuses for its
    /// content is split and its poison item quarantined (`SyncClient+Isolation.swift`); a
    /// refusal of the learner holds back this learner only; a transient failure ends the run.
    func push(learner: String, report: inout SyncReport, progress: (SyncProgress) -> Void) throws {
        var probe = LearnerProbe.unknown
        if heldBefore.contains(learner), let first = try store.pendingBatch(learner: learner, limit: 1, maxBytes: 1) {
            if let hold = try pushLearnerAlone(of: first, report: &report, probe: &probe) {
                report.hold(hold)
                return
            }
        }
        var next = try store.pendingBatch(learner: learner, limit: batchSize, maxBytes: maxBatchBytes)
        while let batch = next {
            guard report.requests < maxRequestsPerRun else { return }
            let fitted = batch.fitted(maxBytes: maxBatchBytes)
            // The following batch is read while this one is on its way (a push spends most of its
            // time at the hub); it is used only if this one is acknowledged whole.
            let following = fitted.request.records.isEmpty && !fitted.request.statements.isEmpty && fitted.lastSeq > 0
                && fitted.statementSeqs.count == fitted.request.statements.count
                ? store.prepareStatementBatch(learner: learner, limit: batchSize, maxBytes: maxBatchBytes, after: fitted.lastSeq)
                : nil
            let before = report.pushBatches
            let refusedBefore = report.refusedPushes
            if let hold = try send(fitted, report: &report, probe: &probe, progress: progress) {
                _ = try? following?.value()
                report.hold(hold)
                return
            }
            let acknowledgedWhole = report.pushBatches == before + 1 && report.refusedPushes == refusedBefore
            if acknowledgedWhole, let prepared = try following?.value() {
                next = prepared
            } else {
                _ = try? following?.value()
                next = try store.pendingBatch(learner: learner, limit: batchSize, maxBytes: maxBatchBytes)
            }
        }
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
