import Foundation
import GRDB
import WalletAPI
import Basics

extension WalletStore {
    /// Stores a batch of validated statements for one learner, all or nothing, and returns their ids
    /// in order. A statement whose id is already stored with the same content changes nothing; with
    /// different content the whole batch is refused with `StatementWriteError.conflict`.
    ///
    /// Batches of concurrent callers share one transaction (`statementWrites`, group commit); each
    /// caller returns once the transaction holding its batch committed, and one batch's refusal
    /// never undoes another's.
    ///
    /// Each statement must carry its `id` (the route assigns one where the client gave none).
    /// `attachments`: the data a `multipart/mixed` request carried, stored in the same
    /// transaction and linked to each statement that names it (`AttachmentTables`).
    public func insertStatements(_ statements: [JSONValue], learnerID: String, authority: JSONValue, version: String, nowMs: Int64,
                                 attachments: [XAPIAttachmentPart] = []) async throws -> [String] {
        let parts = Dictionary(attachments.map { ($0.sha2, $0) }, uniquingKeysWith: { first, _ in first })
        let write = StatementWrite(statements: statements, learnerID: learnerID, authority: authority, version: version, nowMs: nowMs,
                                   attachments: parts)
        return try await statementWrites.submit(write) { writes in
            try writeNow { db in try Self.insertJointly(writes, db: db) }
        }
    }

    /// Several callers' batches in one transaction, one outcome each. Alone, a refusal rolls the
    /// transaction back as before; together, each batch sits in a savepoint so that its refusal
    /// takes back only its own rows. Any other error fails the whole transaction (the queue then
    /// retries each batch alone).
    static func insertJointly(_ writes: [StatementWrite], db: Database) throws -> [Result<[String], any Error>] {
        guard writes.count > 1 else { return [.success(try insert(writes[0], db: db))] }
        return try writes.map { write in
            do {
                var ids: [String] = []
                try db.inSavepoint {
                    ids = try insert(write, db: db)
                    return .commit
                }
                return .success(ids)
            } catch let refusal as StatementWriteError {
                return .failure(refusal)
            }
        }
    }

    /// One caller's batch, waiting in `statementWrites` for its transaction.
    struct StatementWrite: Sendable {
        let statements: [JSONValue]
        let learnerID: String
        let authority: JSONValue
        let version: String
        let nowMs: Int64
        /// Attachment data by sha2; empty for a JSON request (the common case costs nothing more).
        var attachments: [String: XAPIAttachmentPart] = [:]
    }

    static func insert(_ write: StatementWrite, db: Database) throws -> [String] {
        let learnerID = write.learnerID
        let storedMs = try Self.nextStoredMs(nowMs: write.nowMs, db: db)
        let stored = Timestamp.format(millisecondsSince1970: storedMs)
        try Self.markUsed(learnerID, nowMs: write.nowMs, db: db)
        var ids: [String] = []
        ids.reserveCapacity(write.statements.count)
        for (position, statement) in write.statements.enumerated() {
            guard let rawID = statement["id"]?.stringValue else { preconditionFailure("statement without id reached the store") }
            let id = rawID.lowercased()
            ids.append(id)
            if let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, learner_id, json FROM statement WHERE id = ?"), arguments: [id]) {
                let owner: String = existing["learner_id"]
                let json: String = existing["json"]
                guard owner == learnerID, let storedStatement = try? JSONValue(data: Data(json.utf8)),
                      StatementEquivalence.isSame(statement, as: storedStatement)
                else { throw StatementWriteError.conflict(id: id) }
                // Sent again with its data (after a pull brought the statement alone): keep the data now.
                if !write.attachments.isEmpty {
                    try AttachmentTables.link(seq: existing["seq"], statement: StatementAttachmentHashes.of(statement),
                                              parts: write.attachments, db: db)
                }
                continue
            }
            let prepared = StatementPreparer.prepare(statement, id: id, stored: stored, authority: write.authority, version: write.version)
            // Checked on the statement as stored, the exact text sync carries: what is taken
            // here always reaches the learner's other PCs (`StatementLimits`).
            let json = prepared.encodedString
            if let problem = StatementLimits.problem(with: prepared, encodedBytes: json.utf8.count) {
                throw StatementWriteError.beyondLimits(position: position, problem: problem)
            }
            let seq = try Self.insert(prepared, id: id, learnerID: learnerID, storedMs: storedMs, json: json, db: db)
            if !write.attachments.isEmpty {
                try AttachmentTables.link(seq: seq, statement: StatementAttachmentHashes.of(statement), parts: write.attachments, db: db)
            }
        }
        return ids
    }

    /// `origin` 0: recorded on this PC (to be pushed); 1: arrived from the repository. Returns the
    /// statement's seq.
    @discardableResult
    static func insert(_ statement: JSONValue, id: String, learnerID: String, storedMs: Int64, origin: Int = 0, json: String? = nil, db: Database) throws -> Int64 {
        let index = StatementIndex(statement: statement)
        var voided = false
        if !index.isVoiding {
            // The voiding statement may have arrived first (sync delivers in any order).
            voided = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM statement WHERE ref_target = ? AND is_voiding = 1 AND learner_id = ?)"),
                arguments: [id, learnerID]) ?? false
        }
        try db.cachedStatement(sql: """
            INSERT INTO statement (id, learner_id, stored_ms, verb_id, registration, ref_target, is_voiding, voided, json, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, learnerID, storedMs, index.verbID, index.registration, index.statementRefTarget,
                                     index.isVoiding, voided, json ?? statement.encodedString, origin])
        let seq = db.lastInsertedRowID
        let insertActivity = try db.cachedStatement(sql: "INSERT OR IGNORE INTO statement_activity (activity_id, seq, related_only) VALUES (?, ?, ?)")
        for activity in index.relatedActivityIDs {
            try insertActivity.execute(arguments: [activity, seq, !index.activityIDs.contains(activity)])
        }
        let insertAgent = try db.cachedStatement(sql: "INSERT OR IGNORE INTO statement_agent (agent_key, seq, related_only) VALUES (?, ?, ?)")
        for agent in index.relatedAgentKeys.union(index.agentKeys) {
            try insertAgent.execute(arguments: [agent, seq, !index.agentKeys.contains(agent)])
        }
        if !index.isVoiding && !voided {
            try KeptProgress.add(statement, seq: seq, learnerID: learnerID, db: db)
        }
        if index.isVoiding, let target = index.statementRefTarget,
           // A voiding statement cannot itself be voided, so only non-voiding targets are marked.
           let row = try Row.fetchOne(db.cachedStatement(sql: """
               SELECT seq, json FROM statement WHERE id = ? AND learner_id = ? AND is_voiding = 0 AND voided = 0
               """), arguments: [target, learnerID]) {
            let targetSeq: Int64 = row["seq"]
            try db.cachedStatement(sql: "UPDATE statement SET voided = 1 WHERE seq = ?").execute(arguments: [targetSeq])
            let json: String = row["json"]
            if let voidedStatement = try? JSONValue(data: Data(json.utf8)) {
                try KeptProgress.remove(voidedStatement, seq: targetSeq, learnerID: learnerID, db: db)
            }
        }
        return seq
    }

    /// `stored` never goes backwards, even when the PC's clock does, so that stored order, seq
    /// order and the since/until filters agree.
    /// `stored` never goes back while the clock wobbles (an NTP step back of a few seconds), so
    /// `since` queries see statements in the order they were stored. A last `stored` further
    /// ahead than `maxClockStepBackMs` came from a clock that was wrong (a PC booted with a
    /// date years ahead, then corrected): following it would freeze `stored` at that date for
    /// every later statement, so the clock is taken as it is now.
    static func nextStoredMs(nowMs: Int64, db: Database) throws -> Int64 {
        let lastStored = try Int64.fetchOne(db.cachedStatement(sql: "SELECT stored_ms FROM statement ORDER BY seq DESC LIMIT 1")) ?? 0
        return lastStored - nowMs > maxClockStepBackMs ? nowMs : max(nowMs, lastStored)
    }

    static let maxClockStepBackMs: Int64 = 5 * 60_000

    /// One statement of the learner by id. `voided` tells the route which of `statementId` and
    /// `voidedStatementId` may return it.
    public func statement(id: String, learnerID: String) async throws -> (json: String, voided: Bool, storedMs: Int64)? {
        try readNow { db in
            try Row.fetchOne(db, sql: "SELECT json, voided, stored_ms FROM statement WHERE id = ? AND learner_id = ?",
                             arguments: [id.lowercased(), learnerID]).map { ($0["json"], $0["voided"], $0["stored_ms"]) }
        }
    }

    /// The newest `stored` time in the store, for `X-Experience-API-Consistent-Through`.
    public func latestStoredMs() async throws -> Int64? {
        try readNow { db in
            try Int64.fetchOne(db, sql: "SELECT stored_ms FROM statement ORDER BY seq DESC LIMIT 1")
        }
    }

    /// Every non-voided statement of a learner, oldest first, all in memory: for tests and small
    /// histories. Views read the kept progress instead, and `walletd check` streams the same rows
    /// (`activeStatementsSQL`).
    public func activeStatements(learnerID: String) async throws -> [JSONValue] {
        try readNow { db in
            let rows = try String.fetchCursor(db, sql: Self.activeStatementsSQL, arguments: [learnerID])
            var statements: [JSONValue] = []
            while let json = try rows.next() {
                if let value = try? JSONValue(data: Data(json.utf8)) { statements.append(value) }
            }
            return statements
        }
    }

    /// A learner's active statements (neither voided nor voiding), oldest first.
    static let activeStatementsSQL = "SELECT json FROM statement WHERE learner_id = ? AND voided = 0 AND is_voiding = 0 ORDER BY seq"
}
