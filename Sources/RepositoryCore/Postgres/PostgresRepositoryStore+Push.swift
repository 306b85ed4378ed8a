import Credentials
import SyncEngine

extension PostgresRepositoryStore {
    /// Applies a device's batch in one transaction, under the learner's lock: the same steps as
    /// the SQLite store's push (`SQLiteRepositoryStore.push`), each in its own
    /// `PostgresRepositoryStore+Push…` file. A batch seen before is answered from the log.
    public func push(_ request: PushRequest, device: String) async throws -> PushResponse {
        let now = nowMs()
        try SQLiteRepositoryStore.refuseReservedRecords(request.records)
        let outcome = try await database.transaction { tx in
            try await self.apply(request, device: device, nowMs: now, tx: tx)
        }
        authority?.report(outcome.events)
        if let newEpoch = outcome.newEpoch { onNewEpoch?(newEpoch.epoch, newEpoch.reason) }
        return outcome.response
    }

    struct PushOutcome: Sendable {
        var response: PushResponse
        var events: [CredentialEvent] = []
        var newEpoch: (epoch: String, reason: String)?
    }

    private func apply(_ request: PushRequest, device: String, nowMs now: Int64, tx: PostgresTransaction) async throws -> PushOutcome {
        try await tx.lock("learner:" + request.learner.id)
        let newEpoch = try await startNewEpochIfWitnessShowsRollback(request.witness, device: device, nowMs: now, tx: tx)
        if var earlier = try await answerReplayedBatch(request.batch, device: device, tx: tx) {
            earlier.hub = try await currentWitness(tx)
            return PushOutcome(response: earlier, newEpoch: newEpoch)
        }
        let push = PostgresPushTransaction(tx, nowMs: now, hubReplica: try await Self.replica(tx),
                                           keptRecordVersions: retention.recordVersions, holderWrap: holderWrap)
        let authority = self.authority
        let holderKeyAdded = try await holdLearner(request.learner, device: device, in: push,
                                                   ownReset: { SQLiteRepositoryStore.resetVouches($0, authority: authority) })
        let origin = try await push.replicaNumber(request.replica)
        let statements = try await appendStatements(request.statements, learnerID: request.learner.id, origin: origin,
                                                    noteAchievements: authority != nil, in: push)
        try await mergeRecords(request.records, learnerID: request.learner.id, origin: origin, in: push)
        var events: [CredentialEvent] = []
        if let authority, !statements.achievedActivities.isEmpty || holderKeyAdded {
            events = try await issueCredentials(authority: authority, learnerID: request.learner.id, touched: statements.achievedActivities,
                                                everyCourse: holderKeyAdded, in: push)
        }
        var response = PushResponse(batch: request.batch, accepted: statements.accepted, duplicates: statements.duplicates,
                                    conflicts: statements.conflicts, recordsMerged: request.records.count, replayed: false)
        try await rememberBatch(request, device: device, response: response, in: push)
        response.hub = try await markHead(in: push)
        return PushOutcome(response: response, events: events, newEpoch: newEpoch)
    }
}
