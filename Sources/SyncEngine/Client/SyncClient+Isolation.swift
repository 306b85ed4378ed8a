import Basics

/// Whether the hub takes this learner at all, found out at most once per run: asked only when a
/// lone item is refused for its content, to tell a poison item from a learner the hub refuses
/// whatever the batch carries (then no item is quarantined).
enum LearnerProbe {
    case unknown
    case accepted
    case refused(SyncHold)
}

extension SyncClient {
    /// Sends one batch. Returns nil when its items are pushed or quarantined, or the hold that
    /// stops this learner's push for this run; throws what ends the run.
    ///
    /// A batch refused for its content is split in halves, each sent in order (a bisection: a
    /// poison item among n costs about 2·log2(n) extra requests), so the items before and after
    /// the poison still go; an item refused on its own is quarantined and skipped. A 413 splits the
    /// same way.
    func send(_ batch: PendingBatch, report: inout SyncReport, probe: inout LearnerProbe,
              progress: (SyncProgress) -> Void) throws -> SyncHold? {
        let learner = batch.request.learner.id
        let ack: PushResponse
        var request = batch.request
        request.witness = try store.hubWitness()
        do {
            ack = try transport.push(request)
        } catch {
            switch SyncFailure.classify(error) {
            case .endRun:
                throw error
            case .holdLearner(let code, let message):
                report.refusedPushes += 1
                return SyncHold(learner: learner, phase: .push, code: code, message: message)
            case .refuseItems(let code, let message):
                report.refusedPushes += 1
                if let (first, second) = batch.halves() {
                    for half in [first, second] {
                        guard report.requests < maxRequestsPerRun else { return nil }
                        if let hold = try send(half, report: &report, probe: &probe, progress: progress) { return hold }
                    }
                    return nil
                }
                if let hold = try probeLearner(of: batch, report: &report, probe: &probe, code: code, message: message) { return hold }
                guard let item = batch.onlyItem else { return nil }
                try store.quarantine(QuarantineEntry(learner: learner, item: item, code: code, reason: message))
                report.quarantined += 1
                return nil
            }
        }
        guard ack.batch == batch.request.batch else { throw SyncClientError.mismatchedAcknowledgement }
        try observe(ack.hub)
        try store.acknowledge(batch, response: ack)
        report.pushBatches += 1
        report.pushedStatements += batch.request.statements.count
        report.pushedRecords += batch.request.records.count
        report.duplicates += ack.duplicates
        report.conflicts += ack.conflicts
        if ack.replayed { report.replayedBatches += 1 }
        if case .unknown = probe { probe = .accepted }
        progress(SyncProgress(phase: .pushing, learner: learner, pushedStatements: report.pushedStatements, pulledStatements: 0))
        return nil
    }

    /// Before quarantining a lone item: does the hub take the learner with no item at all? If it
    /// refuses that too, the learner (not the item) is the problem, and nothing is quarantined.
    private func probeLearner(of batch: PendingBatch, report: inout SyncReport, probe: inout LearnerProbe,
                              code: ErrorCode, message: String) throws -> SyncHold? {
        switch probe {
        case .accepted: return nil
        case .refused(let hold): return hold
        case .unknown: break
        }
        guard batch.itemCount > 0 else {
            // The learner alone was refused.
            let hold = SyncHold(learner: batch.request.learner.id, phase: .push, code: code, message: message)
            probe = .refused(hold)
            return hold
        }
        return try pushLearnerAlone(of: batch, report: &report, probe: &probe)
    }

    /// Pushes the batch's learner with no item (idempotent: it announces them, nothing more) and
    /// notes in `probe` whether the hub takes them; the hold when it does not.
    func pushLearnerAlone(of batch: PendingBatch, report: inout SyncReport, probe: inout LearnerProbe) throws -> SyncHold? {
        var bare = PushRequest(replica: batch.request.replica, learner: batch.request.learner, statements: [], records: [])
        bare.witness = try store.hubWitness()
        do {
            let ack = try transport.push(bare)
            guard ack.batch == bare.batch else { throw SyncClientError.mismatchedAcknowledgement }
            try observe(ack.hub)
            report.pushBatches += 1
            probe = .accepted
            return nil
        } catch {
            switch SyncFailure.classify(error) {
            case .endRun:
                throw error
            case .holdLearner(let code, let message), .refuseItems(let code, let message):
                report.refusedPushes += 1
                let hold = SyncHold(learner: batch.request.learner.id, phase: .push, code: code, message: message)
                probe = .refused(hold)
                return hold
            }
        }
    }

    /// A push answered from another epoch than the kept witness's starts over at once, before
    /// the batch is acknowledged: were the witness left behind, a copy put back from that older
    /// epoch would look like the hub this PC knows, and what the new epoch acknowledged would
    /// never be sent again (found by the simulation over the real stores, seed 958).
    func observe(_ hub: HubWitness?) throws {
        guard let hub else { return }
        if let kept = try store.hubWitness(), kept.epoch != hub.epoch {
            try store.startOver(at: hub)
            throw HubEpochChanged()
        }
        try store.keep(hub)
    }
}

/// The hub answered from a new epoch and the store has started over: the run pushes and pulls
/// again from the start.
struct HubEpochChanged: Error {}
