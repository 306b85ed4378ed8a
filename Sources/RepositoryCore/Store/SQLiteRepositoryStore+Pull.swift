import GRDB
import SyncEngine

extension SQLiteRepositoryStore {
    public func pull(_ request: PullRequest, device: String) throws -> PullResponse {
        try startNewEpochIfWitnessShowsRollback(request.witness, device: device)
        return try pool.read { db in
            let asker = try Int64.fetchOne(db, sql: "SELECT id FROM replica WHERE replica = ?", arguments: [request.replica.rawValue]) ?? -1
            let catalogVersion = try String.fetchOne(db, sql: "SELECT version FROM catalog")
            var budget = request.limit
            // Bytes of items per answer, as MemoryHub counts them: at least one item, then up to
            // the page's byte budget.
            var bytesLeft = SyncWireFormat.maxPageBytes
            var items = 0
            var partitions: [PullResponse.Partition] = []
            let statementIndex = try db.cachedStatement(sql: "SELECT hub_seq, origin FROM hub_statement WHERE learner_id = ? AND hub_seq > ? ORDER BY hub_seq")
            let statementJSON = try db.cachedStatement(sql: "SELECT id, json FROM hub_statement WHERE hub_seq = ?")
            let holds = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM device_learner WHERE device = ? AND learner_id = ?)")
            for cursor in request.partitions {
                var part = PullResponse.Partition(learner: cursor.learner, statements: [], records: [], next: cursor.since, more: false)
                // A learner this device never pushed for nor fetched: nothing (their data is theirs),
                // and said so, never a silently empty page.
                guard try Bool.fetchOne(holds, arguments: [device, cursor.learner]) == true else {
                    part.refusal = .learnerNotHeld(cursor.learner)
                    partitions.append(part)
                    continue
                }
                // The PIN was changed on another PC since this one last heard: the new claim,
                // PIN hash and sealed key go with the partition.
                if let known = cursor.claim,
                   let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM learner WHERE id = ? AND claim_generation > ?"),
                                              arguments: [cursor.learner, known]) {
                    part.claimed = try Self.wireLearner(row, wrap: holderWrap)
                }
                let records = try Row.fetchAll(db.cachedStatement(sql: "SELECT key, state_json, hub_seq FROM hub_record WHERE learner_id = ? AND hub_seq > ? ORDER BY hub_seq"),
                                               arguments: [cursor.learner, cursor.since])
                var recordIndex = 0
                // Walk statements and records together in sequence order, as MemoryHub does.
                let rows = try Row.fetchCursor(statementIndex, arguments: [cursor.learner, cursor.since])
                var pendingRow = try rows.next()
                while true {
                    let statementSeq: Int64? = pendingRow?["hub_seq"]
                    let recordSeq: Int64? = recordIndex < records.count ? records[recordIndex]["hub_seq"] : nil
                    guard statementSeq != nil || recordSeq != nil else { break }
                    if let s = statementSeq, recordSeq.map({ s < $0 }) ?? true {
                        let origin: Int64 = pendingRow?["origin"] ?? -2
                        if origin == asker && !cursor.own {
                            part.next = s
                        } else {
                            if budget == 0 { part.more = true; break }
                            // The text is read here, one row by its key, so its size counts
                            // against the page before the statement joins it.
                            guard let row = try Row.fetchOne(statementJSON, arguments: [s]) else { pendingRow = try rows.next(); continue }
                            let statement = WireStatement(id: row["id"], json: row["json"])
                            let size = statement.json.utf8.count
                            if size > bytesLeft && items > 0 { part.more = true; break }
                            budget -= 1
                            bytesLeft -= size
                            items += 1
                            part.statements.append(statement)
                            part.next = s
                        }
                        pendingRow = try rows.next()
                    } else if let r = recordSeq {
                        if budget == 0 { part.more = true; break }
                        let row = records[recordIndex]
                        let record = WireRecord(key: row["key"], state: try Self.state(row["state_json"]))
                        let size = record.json.encodedString.utf8.count
                        if size > bytesLeft && items > 0 { part.more = true; break }
                        budget -= 1
                        bytesLeft -= size
                        items += 1
                        part.records.append(record)
                        part.next = r
                        recordIndex += 1
                    }
                }
                partitions.append(part)
            }
            return PullResponse(catalogVersion: catalogVersion, partitions: partitions, hub: try currentWitness(db))
        }
    }
}
