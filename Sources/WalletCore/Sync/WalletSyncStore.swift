import Credentials
import Foundation
import GRDB
import SyncEngine
import WalletAPI
import Basics

/// walletd's side of the sync change-log contract, over the wallet database.
///
/// Local statements carry `origin = 0` and are pushed in `seq` order after the learner's push
/// checkpoint; statements that came from the repository carry `origin = 1` and are never pushed
/// back. Records written here are `dirty` until the repository acknowledges the state sent.
///
/// ```swift
/// let sync = try WalletSyncStore(store: store, clock: { now() })
/// let report = try SyncClient(store: sync, transport: transport).run()
/// ```
public final class WalletSyncStore: SyncClientStore {
    public let store: WalletStore
    public let replica: ReplicaID
    let nowMs: @Sendable () -> Int64
    /// Learners unused this long leave the pull set; nil keeps everyone in it.
    public let idleLearnerMs: Int64?

    public init(store: WalletStore, nowMs: @escaping @Sendable () -> Int64, idleLearnerMs: Int64? = nil) throws {
        self.store = store
        self.nowMs = nowMs
        self.idleLearnerMs = idleLearnerMs
        let raw = try store.readNow { db in try String.fetchOne(db, sql: "SELECT replica FROM sync_identity") }
        guard let raw, let replica = ReplicaID(validating: raw) else {
            throw WalletSyncError.corruptIdentity
        }
        self.replica = replica
    }

    /// Learners in use: used on this PC (login, statement, fetch) within `idleLearnerMs`. The
    /// others leave the pull set until used again (`WalletStore+LearnerActivity.swift`).
    public func pullPartitions() throws -> [PullRequest.Cursor] {
        guard let idleLearnerMs else { return try partitions() }
        return try store.readNow { db in
            try Row.fetchAll(db, sql: """
                SELECT l.id AS id, COALESCE(p.pulled_since, 0) AS since, COALESCE(p.pull_own, 0) AS own, l.claim_generation AS claim FROM learner l
                LEFT JOIN sync_partition p ON p.learner_id = l.id
                WHERE COALESCE(l.last_used_ms, l.created_ms) >= ? ORDER BY l.created_ms, l.id
                """, arguments: [nowMs() - idleLearnerMs]).map(Self.cursor)
        }
    }

    public func partitions() throws -> [PullRequest.Cursor] {
        try store.readNow { db in
            try Row.fetchAll(db, sql: """
                SELECT l.id AS id, COALESCE(p.pulled_since, 0) AS since, COALESCE(p.pull_own, 0) AS own, l.claim_generation AS claim FROM learner l
                LEFT JOIN sync_partition p ON p.learner_id = l.id ORDER BY l.created_ms, l.id
                """).map(Self.cursor)
        }
    }

    static func cursor(_ row: Row) -> PullRequest.Cursor {
        PullRequest.Cursor(learner: row["id"], since: row["since"], own: row["own"], claim: row["claim"])
    }

    public func pendingBatch(learner: String, limit: Int) throws -> PendingBatch? {
        try pendingBatch(learner: learner, limit: limit, maxBytes: .max)
    }

    /// At most `limit` statements and `limit` records, and at most `maxBytes` of them (at least
    /// one item); quarantined items are left out (`WalletSyncStore+Quarantine.swift`).
    public func pendingBatch(learner: String, limit: Int, maxBytes: Int) throws -> PendingBatch? {
        try batch(learner: learner, limit: limit, maxBytes: maxBytes, after: nil)
    }

    public func statementBatch(learner: String, limit: Int, maxBytes: Int, after: Int64) throws -> PendingBatch? {
        try batch(learner: learner, limit: limit, maxBytes: maxBytes, after: after)
    }

    /// Read on another thread: the database read and the batch's building overlap the push on
    /// its way (WAL: the read never waits for the acknowledgement's write).
    public func prepareStatementBatch(learner: String, limit: Int, maxBytes: Int, after: Int64) -> any PreparedBatch {
        BatchPrefetch { [self] in try statementBatch(learner: learner, limit: limit, maxBytes: maxBytes, after: after) }
    }

    /// `after` set: the statements after a batch still on its way, and no records (those go
    /// once the batch carrying them is acknowledged).
    private func batch(learner: String, limit: Int, maxBytes: Int, after: Int64?) throws -> PendingBatch? {
        try store.readNow { db in
            guard let learnerRow = try Row.fetchOne(db, sql: "SELECT * FROM learner WHERE id = ?", arguments: [learner]) else { return nil }
            let partition = try Row.fetchOne(db, sql: "SELECT pushed_seq, announced, resend_through FROM sync_partition WHERE learner_id = ?",
                                             arguments: [learner])
            let pushedSeq: Int64 = max(partition?["pushed_seq"] ?? 0, after ?? 0)
            let announced: Bool = partition?["announced"] ?? false
            // After the repository started a new epoch, statements that came from it are sent
            // back too, up to the newest held then (`startOver(at:)`).
            let resendThrough: Int64 = partition?["resend_through"] ?? 0
            var statements: [WireStatement] = []
            var seqs: [Int64] = []
            var bytes = 0
            // Past the resend window only this PC's own statements go: the partial index
            // `statement_local_seq` (origin = 0) then skips those pulled since the last push,
            // which could be a million on a PC that fetched a learner's history.
            let rows = resendThrough > pushedSeq
                ? try Row.fetchCursor(db.cachedStatement(sql: Self.resendBatchSQL), arguments: [learner, pushedSeq, resendThrough, limit])
                : try Row.fetchCursor(db.cachedStatement(sql: Self.localBatchSQL), arguments: [learner, pushedSeq, limit])
            while let row = try rows.next() {
                let json: String = row["json"]
                // The byte budget, but always one statement, so a large one still goes.
                if bytes + json.utf8.count > maxBytes && !statements.isEmpty { break }
                bytes += json.utf8.count
                statements.append(WireStatement(id: row["id"], json: json))
                seqs.append(row["seq"])
            }
            var records: [WireRecord] = []
            if after != nil && statements.isEmpty { return nil }
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT key, state_json FROM record r WHERE learner_id = ? AND dirty = 1 AND NOT EXISTS (\(Self.quarantinedRecord)) ORDER BY key LIMIT ?
                """), arguments: [learner, after == nil ? limit : 0]) {
                let record = WireRecord(key: row["key"], state: try Self.state(row["state_json"]))
                let size = record.json.encodedString.utf8.count
                if bytes + size > maxBytes && !(statements.isEmpty && records.isEmpty) { break }
                bytes += size
                records.append(record)
            }
            // A learner with nothing recorded yet is still announced once, so that they can be
            // fetched onto another PC.
            guard !statements.isEmpty || !records.isEmpty || !announced else { return nil }
            let wireLearner = Self.wireLearner(WalletStore.learner(from: learnerRow))
            return PendingBatch(request: PushRequest(replica: replica, learner: wireLearner, statements: statements, records: records),
                                lastSeq: seqs.last ?? pushedSeq, statementSeqs: seqs)
        }
    }

    /// A push batch's statements: this PC's own after the checkpoint (learner, seq, limit)…
    static let localBatchSQL = """
        SELECT seq, id, json FROM statement s WHERE learner_id = ? AND seq > ? AND origin = 0
        AND NOT EXISTS (\(quarantinedStatement)) ORDER BY seq LIMIT ?
        """
    /// …and, within a resend window after the repository's new epoch, pulled ones too (learner,
    /// seq, resend_through, limit).
    static let resendBatchSQL = """
        SELECT seq, id, json FROM statement s WHERE learner_id = ? AND seq > ? AND (origin = 0 OR seq <= ?)
        AND NOT EXISTS (\(quarantinedStatement)) ORDER BY seq LIMIT ?
        """

    public func acknowledge(_ batch: PendingBatch, response: PushResponse) throws {
        try store.writeNow { db in
            // A learner forgotten while their batch was on its way has nothing left to acknowledge.
            try db.execute(sql: """
                INSERT INTO sync_partition (learner_id, pushed_seq, announced) SELECT ?, ?, 1 WHERE EXISTS (SELECT 1 FROM learner WHERE id = ?)
                ON CONFLICT (learner_id) DO UPDATE SET pushed_seq = max(pushed_seq, excluded.pushed_seq), announced = 1
                """, arguments: [batch.request.learner.id, batch.lastSeq, batch.request.learner.id])
            for record in batch.request.records {
                // Only if unchanged since it was sent: a newer local write stays dirty.
                try db.execute(sql: "UPDATE record SET dirty = 0 WHERE learner_id = ? AND key = ? AND state_json = ?",
                               arguments: [batch.request.learner.id, record.key, record.state.json.encodedString])
            }
        }
    }

    public func applyPulled(_ partition: PullResponse.Partition) throws {
        let now = nowMs()
        try store.writeNow { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM learner WHERE id = ?)", arguments: [partition.learner]) == true else { return }
            // The PIN was changed on another PC: its claim, if it holds, brings the new PIN here.
            if let claimed = partition.claimed, claimed.id == partition.learner { try WalletStore.applyClaimed(claimed, nowMs: now, db: db) }
            let storedMs = try WalletStore.nextStoredMs(nowMs: now, db: db)
            let existing = try db.cachedStatement(sql: "SELECT json FROM statement WHERE id = ?")
            for statement in partition.statements {
                if let held = try String.fetchOne(existing, arguments: [statement.id]) {
                    if held != statement.json {
                        // Same id, other content: kept aside and reported, never overwritten.
                        try db.execute(sql: "INSERT OR IGNORE INTO statement_conflict (id, learner_id, json, received_ms) VALUES (?, ?, ?, ?)",
                                       arguments: [statement.id, partition.learner, statement.json, now])
                    }
                    continue
                }
                guard let value = statement.value else { continue }
                try WalletStore.insert(value, id: statement.id, learnerID: partition.learner, storedMs: storedMs, origin: 1,
                                       json: statement.json, db: db)
            }
            // Credentials the repository issued are filed apart, never as editable records.
            let issued = partition.records.filter { RecordKey.isReserved($0.key) }
            try WalletStore.storeArrivedCredentials(issued.flatMap(\.state.values), learnerID: partition.learner, nowMs: now, db: db)
            for record in partition.records where !RecordKey.isReserved(record.key) {
                let current = try String.fetchOne(db, sql: "SELECT state_json FROM record WHERE learner_id = ? AND key = ?",
                                                  arguments: [partition.learner, record.key]).map(Self.state) ?? RegisterState()
                let merged = current.merged(with: record.state)
                // Past the cap the state could not be read back. The local one stays; the hub's
                // comes again once the conflict is resolved (here or elsewhere) and it changes.
                guard merged != current, merged.siblings.count <= RegisterState.maxSiblings else { continue }
                try db.execute(sql: """
                    INSERT INTO record (learner_id, key, state_json, dirty) VALUES (?, ?, ?, 0)
                    ON CONFLICT (learner_id, key) DO UPDATE SET state_json = excluded.state_json
                    """, arguments: [partition.learner, record.key, merged.json.encodedString])
            }
            // Caught up: the statements this PC pushed itself are here again (`pull_own`).
            try db.execute(sql: """
                INSERT INTO sync_partition (learner_id, pulled_since) VALUES (?, ?)
                ON CONFLICT (learner_id) DO UPDATE SET pulled_since = max(pulled_since, excluded.pulled_since),
                  pull_own = CASE WHEN ? THEN pull_own ELSE 0 END
                """, arguments: [partition.learner, partition.next, partition.more])
        }
    }

    public func catalogVersion() throws -> String? {
        try store.readNow { db in try String.fetchOne(db, sql: "SELECT version FROM catalog") }
    }

    public func storeCatalog(_ envelope: CatalogEnvelope) throws {
        try store.writeNow { db in
            try db.execute(sql: """
                INSERT INTO catalog (singleton, version, json) VALUES (1, ?, ?)
                ON CONFLICT (singleton) DO UPDATE SET version = excluded.version, json = excluded.json
                """, arguments: [envelope.version, envelope.catalog.encodedString])
        }
    }

    static func state(_ json: String) throws -> RegisterState {
        do {
            return try RegisterState(storedJSON: json)
        } catch {
            throw WalletSyncError.corruptRecord("\(error)")
        }
    }

    static func wireLearner(_ learner: Learner) -> WireLearner {
        WireLearner(id: learner.id, name: learner.name, pinSalt: Base64URL.encode(learner.pin.salt), pinHash: Base64URL.encode(learner.pin.hash),
                    pinCost: learner.pin.cost,
                    createdMs: learner.createdMs, holderKey: learner.holderKey, claim: learner.claim, reset: learner.reset)
    }
}

/// Local sync data that cannot be read back: a bug or a damaged database, never user input.
public enum WalletSyncError: Error, CustomStringConvertible {
    case corruptIdentity
    case corruptRecord(String)

    public var description: String {
        switch self {
        case .corruptIdentity: "the database has no valid replica id (damaged database?)"
        case .corruptRecord(let why): "a stored record cannot be read: \(why)"
        }
    }
}
