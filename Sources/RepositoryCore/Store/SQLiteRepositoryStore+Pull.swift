import GRDB
import SyncEngine

extension SQLiteRepositoryStore {
    public func pull(_ request: PullRequest, device: String) throws -> PullResponse {
        try startNewEpochIfWitnessShowsRollback(request.witness, device: device)
        return try pool.read { db in
            let asker = try Int64.fetchOne(db, sql: "SELECT id FROM replica WHERE replica = ?", arguments: [request.replica.rawValue]) ?? -1
            let catalogVersion = try String.fetchOne(db, sql: "SELECT version FROM catalog")
            var budget = request.limit
            var partitions: [PullResponse.Partition] = []
            let statementIndex = try db.cachedStatement(sql: "SELECT hub_seq, origin FROM hub_statement WHERE learner_id = ? AND hub_seq > ? ORDER BY hub_seq")
            let statementJSON = try db.cachedStatement(sql: "SELECT id, json FROM hub_statement WHERE hub_seq = ?")
            let holds = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM device_learner WHERE device = ? AND learner_id = ?)")
            for cursor in request.partitions {
                var part = PullResponse.Partition(learner: cursor.learner, statements: [], records: [], next: cursor.since, more: false)
                // A learner this device never pushed for nor fetched: nothing (their data is theirs).
                guard try Bool.fetchOne(holds, arguments: [device, cursor.learner]) == true else {
                    partitions.append(part)
                    continue
                }
                let records = try Row.fetchAll(db.cachedStatement(sql: "SELECT key, state_json, hub_seq FROM hub_record WHERE learner_id = ? AND hub_seq > ? ORDER BY hub_seq"),
                                               arguments: [cursor.learner, cursor.since])
                var recordIndex = 0
                var statementSeqs: [Int64] = []
                // Walk statements and records together in sequence order, as MemoryHub does.
                let rows = try Row.fetchCursor(statementIndex, arguments: [cursor.learner, cursor.since])
                var pendingRow = try rows.next()
                while true {
                    let statementSeq: Int64? = pendingRow?["hub_seq"]
                    let recordSeq: Int64? = recordIndex < records.count ? records[recordIndex]["hub_seq"] : nil
                    guard statementSeq != nil || recordSeq != nil else { break }
                    if let s = statementSeq, recordSeq.map({ s < $0 }) ?? true {
                        let origin: Int64 = pendingRow?["origin"] ?? -2
                        if origin == asker {
                            part.next = s
                        } else {
                            if budget == 0 { part.more = true; break }
                            budget -= 1
                            statementSeqs.append(s)
                            part.next = s
                        }
                        pendingRow = try rows.next()
                    } else if let r = recordSeq {
                        if budget == 0 { part.more = true; break }
                        budget -= 1
                        let row = records[recordIndex]
                        part.records.append(WireRecord(key: row["key"], state: try Self.state(row["state_json"])))
                        part.next = r
                        recordIndex += 1
                    }
                }
                for seq in statementSeqs {
                    guard let row = try Row.fetchOne(statementJSON, arguments: [seq]) else { continue }
                    part.statements.append(WireStatement(id: row["id"], json: row["json"]))
                }
                partitions.append(part)
            }
            return PullResponse(catalogVersion: catalogVersion, partitions: partitions, hub: try currentWitness(db))
        }
    }
}
