import Basics

extension SyncClient {
    /// Pulls every partition's changes since its checkpoint, in as few requests as the hub's
    /// pages allow, then the catalog if it changed.
    ///
    /// One partition never stops the others: a partition the hub refuses (`refused`) or one that
    /// cannot be read is held back (its checkpoint stays, so it comes again next run); an answer
    /// that cannot be read at all is asked again in halves until the partition that spoils it is
    /// alone. A transient failure ends the run.
    ///
    /// An answer from a hub in another epoch than the kept witness's is not applied: the store
    /// starts over and the run pushes and pulls again (`.startOver`).
    func pull(report: inout SyncReport, progress: (SyncProgress) -> Void) throws -> PullOutcome {
        // Groups of partitions to ask for together, at most `maxPartitionsPerPull` each; the first
        // is asked even when empty, since the answer carries the catalog's version.
        let all = try store.pullPartitions()
        var groups: [[PullRequest.Cursor]] = stride(from: 0, to: max(all.count, 1), by: SyncWireFormat.maxPartitionsPerPull).map {
            Array(all[$0..<min($0 + SyncWireFormat.maxPartitionsPerPull, all.count)])
        }
        var catalogVersion: String?
        while !groups.isEmpty, report.requests < maxRequestsPerRun {
            let cursors = groups.removeFirst()
            let answer: PullResponse
            do {
                answer = try transport.pull(PullRequest(replica: store.replica, limit: batchSize, partitions: cursors,
                                                        witness: try store.hubWitness()))
            } catch {
                guard let (code, message) = Self.unreadable(error) else { throw error }
                report.unreadablePulls += 1
                if cursors.count > 1 {
                    let half = cursors.count / 2
                    groups.append(Array(cursors[..<half]))
                    groups.append(Array(cursors[half...]))
                } else if let only = cursors.first {
                    report.hold(SyncHold(learner: only.learner, phase: .pull, code: code, message: message))
                }
                continue
            }
            report.pullRequests += 1
            if let hub = answer.hub {
                if let kept = try store.hubWitness(), kept.epoch != hub.epoch {
                    // Its checkpoints belong to the new epoch; every partition is pulled from
                    // zero after the resend.
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
                if let refusal = partition.refusal {
                    report.hold(SyncHold(learner: partition.learner, phase: .pull, code: refusal.code, message: refusal.message))
                    continue
                }
                try store.applyPulled(partition)
                report.pulledStatements += partition.statements.count
                report.pulledRecords += partition.records.count
                if partition.more {
                    let own = cursors.first { $0.learner == partition.learner }?.own ?? false
                    again.append(PullRequest.Cursor(learner: partition.learner, since: partition.next, own: own))
                }
            }
            for problem in answer.unreadable where cursors.contains(where: { $0.learner == problem.learner }) {
                report.hold(SyncHold(learner: problem.learner, phase: .pull, code: problem.error.code,
                                     message: "the repository's answer for this learner cannot be read: \(problem.error)"))
            }
            progress(SyncProgress(phase: .pulling, learner: nil, pushedStatements: report.pushedStatements, pulledStatements: report.pulledStatements))
            if !again.isEmpty { groups.append(again) }
        }
        if let catalogVersion, try store.catalogVersion() != catalogVersion {
            progress(SyncProgress(phase: .catalog, learner: nil, pushedStatements: report.pushedStatements, pulledStatements: report.pulledStatements))
            let envelope = try transport.catalog()
            try store.storeCatalog(envelope)
            report.catalogUpdated = true
        }
        return .done
    }

    enum PullOutcome { case done, startOver }

    /// The code and words for a pull answer that could not be read (or a pull refused for what
    /// it asked); nil for anything that ends the run.
    static func unreadable(_ error: any Error) -> (ErrorCode, String)? {
        if let wire = error as? SyncWireError {
            // A format this side does not speak is true of every answer: end the run.
            return wire.code == .unsupportedFormat ? nil : (wire.code, "the repository's answer cannot be read: \(wire)")
        }
        // A pull refused for what it asks (400 invalid_sync_message: too many partitions, a bad
        // cursor) is asked again in parts; any other refusal is not about one partition, and a
        // learner the hub will not serve comes back in the answer (`refused`), so it ends the run.
        switch SyncFailure.classify(error) {
        case .endRun, .holdLearner: return nil
        case .refuseItems(let code, let message): return (code, message)
        }
    }
}
