import Credentials
import Foundation
import GRDB
import SyncEngine
import Basics

extension SQLiteRepositoryStore {
    public func push(_ request: PushRequest, device: String) throws -> PushResponse {
        let now = nowMs()
        // Before anything else: a PC never writes what only the hub issues.
        if let reserved = request.records.first(where: { RecordKey.isReserved($0.key) }) {
            throw SyncHubError.reservedRecord(reserved.key)
        }
        var events: [CredentialEvent] = []
        defer { authority?.report(events) }
        return try pool.write { db in
            events = []
            if let logged = try String.fetchOne(db, sql: "SELECT response_json FROM hub_batch WHERE batch = ?", arguments: [request.batch]),
               var earlier = try? PushResponse(body: Array(logged.utf8)) {
                earlier.replayed = true
                try db.execute(sql: "UPDATE hub_meta SET batches_replayed = batches_replayed + 1")
                return earlier
            }
            let learner = request.learner
            var holderKeyAdded = false
            if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM learner WHERE id = ?)"), arguments: [learner.id]) == true {
                // Naming a learner is not enough to get their history: fetch them with their PIN.
                guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM device_learner WHERE device = ? AND learner_id = ?)"),
                                        arguments: [device, learner.id]) == true
                else { throw SyncHubError.learnerNotHeld(learner.id) }
                holderKeyAdded = try Self.fillHolderKey(learner, db: db)
            } else {
                let key = learner.holderKey
                try db.execute(sql: """
                    INSERT INTO learner (id, name, pin_salt, pin_hash, pin_log_n, pin_block_size, pin_parallelism, created_ms,
                                         holder_did, holder_sealed, holder_salt, holder_log_n, holder_block_size, holder_parallelism)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [learner.id, learner.name, learner.pinSalt, learner.pinHash, learner.pinCost.logN, learner.pinCost.blockSize, learner.pinCost.parallelism, learner.createdMs,
                                      key?.did, key?.sealed, key?.salt, key?.cost.logN, key?.cost.blockSize, key?.cost.parallelism])
                try db.execute(sql: "INSERT OR IGNORE INTO device_learner (device, learner_id) VALUES (?, ?)", arguments: [device, learner.id])
            }
            let origin = try Self.replicaNumber(request.replica, db: db)
            var seq = try Int64.fetchOne(db, sql: "SELECT change_seq FROM hub_meta") ?? 0
            var accepted = 0, duplicates = 0
            // Activities this push's new statements achieve: only they can complete a course.
            var achieved = Set<String>()
            var conflicts: [String] = []
            let insert = try db.cachedStatement(sql: "INSERT INTO hub_statement (hub_seq, id, learner_id, origin, json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
            let existing = try db.cachedStatement(sql: "SELECT json FROM hub_statement WHERE id = ?")
            for statement in request.statements {
                try insert.execute(arguments: [seq + 1, statement.id, learner.id, origin, statement.json])
                if db.changesCount > 0 {
                    seq += 1
                    accepted += 1
                    if authority != nil, let activity = Self.achievedActivity(statement) { achieved.insert(activity) }
                    continue
                }
                if try String.fetchOne(existing, arguments: [statement.id]) == statement.json {
                    duplicates += 1
                } else {
                    // Kept aside, reported, never overwritten.
                    try db.cachedStatement(sql: "INSERT OR IGNORE INTO hub_statement_conflict (id, learner_id, origin, json) VALUES (?, ?, ?, ?)")
                        .execute(arguments: [statement.id, learner.id, origin, statement.json])
                    conflicts.append(statement.id)
                }
            }
            // Cached: a batch may carry 1,000 records, three statements each.
            let history = try db.cachedStatement(sql: "INSERT INTO hub_record_history (learner_id, key, state_json, origin, received_ms) VALUES (?, ?, ?, ?, ?)")
            let currentState = try db.cachedStatement(sql: "SELECT state_json FROM hub_record WHERE learner_id = ? AND key = ?")
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO hub_record (learner_id, key, state_json, hub_seq) VALUES (?, ?, ?, ?)
                ON CONFLICT (learner_id, key) DO UPDATE SET state_json = excluded.state_json, hub_seq = excluded.hub_seq
                """)
            for record in request.records {
                // Every version that arrives is kept, siblings and all.
                try history.execute(arguments: [learner.id, record.key, record.state.json.encodedString, origin, now])
                let current = try String.fetchOne(currentState, arguments: [learner.id, record.key]).map(Self.state) ?? RegisterState()
                let merged = current.merged(with: record.state)
                guard merged != current else { continue }
                seq += 1
                try upsert.execute(arguments: [learner.id, record.key, merged.json.encodedString, seq])
            }
            if let authority, !achieved.isEmpty || holderKeyAdded {
                events = try Self.issueCredentials(authority: authority, db: db, learnerID: learner.id, touched: achieved,
                                                   everyCourse: holderKeyAdded, origin: try Self.replicaNumber(replica, db: db),
                                                   replica: replica, seq: &seq, nowMs: now)
            }
            let response = PushResponse(batch: request.batch, accepted: accepted, duplicates: duplicates, conflicts: conflicts,
                                        recordsMerged: request.records.count, replayed: false)
            try db.execute(sql: """
                UPDATE hub_meta SET change_seq = ?, statements_received = statements_received + ?, statements_duplicate = statements_duplicate + ?,
                  statements_conflict = statements_conflict + ?, batches = batches + 1
                """, arguments: [seq, request.statements.count, duplicates, conflicts.count])
            try db.execute(sql: "INSERT INTO hub_batch (batch, device, response_json, created_ms) VALUES (?, ?, ?, ?)",
                           arguments: [request.batch, device, response.json.encodedString, now])
            return response
        }
    }

    public func pull(_ request: PullRequest, device: String) throws -> PullResponse {
        try pool.read { db in
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
            return PullResponse(catalogVersion: catalogVersion, partitions: partitions)
        }
    }

    /// The activity a statement achieves (passed or completed, as `CourseEvidence` reads it), or
    /// nil. A cheap look at the text first: most statements are not achievements and are not parsed.
    static func achievedActivity(_ statement: WireStatement) -> String? {
        let text = statement.json
        guard text.contains("verbs/passed") || text.contains("verbs/completed") || text.contains("\"success\":true")
                || text.contains("\"completion\":true"),
              let value = try? JSONValue(data: Data(text.utf8)), CourseEvidence.isAchievement(value),
              let object = value["object"]
        else { return nil }
        return CourseEvidence.activityID(of: object)
    }

    /// Issuance for one learner inside the push's transaction, in a savepoint: when it fails
    /// (a key file unreadable, a list full) its writes are undone and reported, and the push
    /// itself still applies — a PC must not be kept from syncing by the repository's own trouble.
    static func issueCredentials(authority: CredentialAuthority, db: Database, learnerID: String, touched: Set<String>, everyCourse: Bool,
                                 origin: Int64, replica: ReplicaID, seq: inout Int64, nowMs: Int64) throws -> [CredentialEvent] {
        let issuer = CredentialIssuer(authority: authority, replica: replica, replicaNumber: origin)
        var events: [CredentialEvent] = []
        var next = seq
        do {
            try db.inSavepoint {
                events = try issuer.run(db, learnerID: learnerID, touched: touched, everyCourse: everyCourse, seq: &next, nowMs: nowMs)
                return .commit
            }
            seq = next
            return events
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_IOERR || error.resultCode == .SQLITE_FULL {
            throw error
        } catch {
            return [.failed(learner: learnerID, reason: "\(error)")]
        }
    }

    static func state(_ json: String) throws -> RegisterState {
        do {
            return try RegisterState(storedJSON: json)
        } catch {
            throw RepositoryStoreError.corrupt("a stored record cannot be read: \(error)")
        }
    }
}
