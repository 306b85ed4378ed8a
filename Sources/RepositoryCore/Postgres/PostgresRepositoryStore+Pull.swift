import PostgresNIO
import SyncEngine

extension PostgresRepositoryStore {
    /// `SQLiteRepositoryStore.pull`'s answer, page for page: statements and records of each held
    /// partition after its cursor, in change order, the asker's own statements skipped unless
    /// asked for, at most `limit` items and `SyncWireFormat.maxPageBytes` per answer.
    ///
    /// A learner's changes are written under that learner's lock and numbered while it is held,
    /// so a number a pull has passed is never committed later: the cursor loses nothing.
    public func pull(_ request: PullRequest, device: String) async throws -> PullResponse {
        try await startNewEpochIfWitnessShowsRollback(request.witness, device: device)
        return try await database.read { tx in
            let asker = try await tx.optional("SELECT id FROM replica WHERE replica = \(request.replica.rawValue)", as: Int64.self) ?? -1
            let catalogVersion = try await tx.optional("SELECT version FROM catalog", as: String.self)
            var page = PullPage(items: request.limit)
            var partitions: [PullResponse.Partition] = []
            for cursor in request.partitions {
                partitions.append(try await self.partition(cursor, device: device, asker: asker, page: &page, tx: tx))
            }
            return PullResponse(catalogVersion: catalogVersion, partitions: partitions, hub: try await self.currentWitness(tx))
        }
    }

    /// What is left of one answer: items and bytes.
    struct PullPage {
        var items: Int
        var bytes = SyncWireFormat.maxPageBytes
        var taken = 0

        /// True when an item of `size` bytes still fits (the first item of an answer always does).
        mutating func take(size: Int) -> Bool {
            guard items > 0, size <= bytes || taken == 0 else { return false }
            items -= 1
            bytes -= size
            taken += 1
            return true
        }
    }

    /// What a partition's page takes, in change order, before the statements' text is read.
    enum PullItem {
        case statement(Int64)
        case record(WireRecord)
    }

    /// Statements are read in chunks of this many rows: a page stops early, and the asker's own
    /// statements (skipped without their text) may be many.
    static let pullChunk = 500

    private func partition(_ cursor: PullRequest.Cursor, device: String, asker: Int64, page: inout PullPage,
                           tx: PostgresTransaction) async throws -> PullResponse.Partition {
        var part = PullResponse.Partition(learner: cursor.learner, statements: [], records: [], next: cursor.since, more: false)
        guard try await tx.exists("SELECT EXISTS (SELECT 1 FROM device_learner WHERE device = \(device) AND learner_id = \(cursor.learner))") else {
            part.refusal = .learnerNotHeld(cursor.learner)
            return part
        }
        if let known = cursor.claim,
           let row = try await tx.optional(PostgresQuery(unsafeSQL: "SELECT \(Self.learnerColumns) FROM learner WHERE id = $1 AND claim_generation > $2",
                                                         binds: Self.binds(cursor.learner, generation: known)), as: LearnerRow.self) {
            part.claimed = try Self.wireLearner(row, wrap: holderWrap)
        }
        let records = try await tx.all("""
            SELECT key, state_json, hub_seq FROM hub_record WHERE learner_id = \(cursor.learner) AND hub_seq > \(cursor.since) ORDER BY hub_seq
            """, as: (String, String, Int64).self)
        var recordIndex = 0
        // The walk reads the index and each wanted statement's size only; the text of the
        // statements the page takes is read once the page is decided (reading it for every row
        // walked made a pull of 20 items read up to 500 texts per partition).
        var statements: [(seq: Int64, size: Int32?)] = []
        var statementIndex = 0
        var statementsAfter = cursor.since
        var statementsDone = false
        var taken: [Int64] = []
        var items: [PullItem] = []
        while true {
            if statementIndex == statements.count && !statementsDone {
                statements = try await tx.all("""
                    SELECT hub_seq, CASE WHEN origin <> \(asker) OR \(cursor.own) THEN octet_length(json) END
                    FROM hub_statement WHERE learner_id = \(cursor.learner) AND hub_seq > \(statementsAfter) ORDER BY hub_seq LIMIT \(Self.pullChunk)
                    """, as: (Int64, Int32?).self).map { (seq: $0.0, size: $0.1) }
                statementIndex = 0
                statementsDone = statements.count < Self.pullChunk
                if let last = statements.last { statementsAfter = last.seq }
            }
            let statement = statementIndex < statements.count ? statements[statementIndex] : nil
            let record = recordIndex < records.count ? records[recordIndex] : nil
            guard statement != nil || record != nil else { break }
            if let statement, record.map({ statement.seq < $0.2 }) ?? true {
                guard let size = statement.size else {
                    part.next = statement.seq   // the asker's own: passed over, not sent
                    statementIndex += 1
                    continue
                }
                guard page.take(size: Int(size)) else { part.more = true; break }
                taken.append(statement.seq)
                items.append(.statement(statement.seq))
                part.next = statement.seq
                statementIndex += 1
            } else if let record {
                let wire = WireRecord(key: record.0, state: try Self.state(record.1))
                guard page.take(size: wire.json.encodedString.utf8.count) else { part.more = true; break }
                items.append(.record(wire))
                part.next = record.2
                recordIndex += 1
            }
        }
        var texts: [Int64: WireStatement] = [:]
        if !taken.isEmpty {
            for (seq, id, json) in try await tx.all("SELECT hub_seq, id, json FROM hub_statement WHERE hub_seq = ANY(\(taken))",
                                                    as: (Int64, String, String).self) {
                texts[seq] = WireStatement(id: id, json: json)
            }
        }
        for item in items {
            switch item {
            case .statement(let seq):
                guard let statement = texts[seq] else { throw RepositoryStoreError.corrupt("statement \(seq) went while a pull read it") }
                part.statements.append(statement)
            case .record(let record):
                part.records.append(record)
            }
        }
        return part
    }
}
