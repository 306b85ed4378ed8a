import Credentials
import SyncEngine

extension SQLiteRepositoryStore {
    /// Applies a device's batch in one transaction, as a list of steps (each in its own
    /// `SQLiteRepositoryStore+Push…` file). A batch seen before is answered from the log and
    /// changes nothing.
    public func push(_ request: PushRequest, device: String) throws -> PushResponse {
        let now = nowMs()
        try Self.refuseReservedRecords(request.records)
        var events: [CredentialEvent] = []
        var newEpoch: (epoch: String, reason: String)?
        defer {
            authority?.report(events)
            if let newEpoch { onNewEpoch?(newEpoch.epoch, newEpoch.reason) }
        }
        return try pool.write { db in
            events = []
            newEpoch = try startNewEpochIfWitnessShowsRollback(request.witness, device: device, nowMs: now, db: db)
            if var earlier = try Self.answerReplayedBatch(request.batch, device: device, db: db) {
                earlier.hub = try currentWitness(db)
                return earlier
            }
            let transaction = try SQLitePushTransaction(db, nowMs: now, keptRecordVersions: retention.recordVersions, holderWrap: holderWrap)
            let holderKeyAdded = try Self.holdLearner(request.learner, device: device, in: transaction, ownReset: ownResetVouches)
            let origin = try transaction.replicaNumber(request.replica)
            let statements = try Self.appendStatements(request.statements, learnerID: request.learner.id, origin: origin,
                                                       noteAchievements: authority != nil, in: transaction)
            try Self.mergeRecords(request.records, learnerID: request.learner.id, origin: origin, in: transaction)
            if let authority, !statements.achievedActivities.isEmpty || holderKeyAdded {
                events = try Self.issueCredentials(authority: authority, learnerID: request.learner.id, touched: statements.achievedActivities,
                                                   everyCourse: holderKeyAdded, in: transaction)
            }
            var response = PushResponse(batch: request.batch, accepted: statements.accepted, duplicates: statements.duplicates,
                                        conflicts: statements.conflicts, recordsMerged: request.records.count, replayed: false)
            try Self.rememberBatch(request, device: device, response: response, in: transaction)
            response.hub = try markHead(in: transaction)
            return response
        }
    }
}
