import Basics
import Foundation
import GRDB
import PostgresNIO
import SecurityPrimitives

/// `repositoryd store copy --from DATA_DIR --to postgres://…`: moves a centre's repository from its
/// SQLite database into an empty PostgreSQL one, as it is: every table row for row (statements
/// as their exact text, records with their history, devices and token hashes, credentials, status
/// lists, the audit chain), and the hub's identity (replica, epoch, witness key, change number
/// and marks), so the PCs' cursors and witnesses stay valid and they keep syncing without
/// starting over. Then each table is counted and hashed on both sides.
///
/// ```swift
/// let report = try await PostgresStoreCopy.copy(from: sqlite, to: postgres)
/// print(report.tables.map { "\($0.name) \($0.rows)" })
/// ```
public enum PostgresStoreCopy {
    /// A table as both schemas hold it: its columns, the key it is ordered by for the hash, and
    /// which columns are bytes.
    struct Table {
        var name: String
        var columns: [String]
        var key: [String]
        var bytes: Set<String> = []
    }

    static let tables: [Table] = [
        Table(name: "replica", columns: ["id", "replica"], key: ["id"]),
        Table(name: "device", columns: ["id", "replica", "name", "token_hash", "registered_ms", "revoked_ms", "replaced_by", "copied_from",
                                        "previous_token_hash", "token_ms"], key: ["id"]),
        Table(name: "enrolment_code", columns: ["code_hash", "label", "created_ms", "expires_ms", "used_by", "replaces"], key: ["code_hash"]),
        Table(name: "learner", columns: ["id", "name", "pin_salt", "pin_hash", "pin_log_n", "pin_block_size", "pin_parallelism", "created_ms",
                                         "failed_attempts", "locked_until_ms", "holder_did", "holder_sealed", "holder_salt", "holder_log_n",
                                         "holder_block_size", "holder_parallelism", "claim", "claim_generation", "reset_statement"], key: ["id"]),
        Table(name: "hub_statement", columns: ["hub_seq", "id", "learner_id", "origin", "json"], key: ["hub_seq"]),
        Table(name: "hub_record", columns: ["learner_id", "key", "state_json", "hub_seq"], key: ["learner_id", "key"]),
        Table(name: "device_learner", columns: ["device", "learner_id"], key: ["device", "learner_id"]),
        Table(name: "hub_batch_log", columns: ["device", "batch", "response_json", "created_ms", "learner_id"], key: ["device", "batch"]),
        Table(name: "catalog", columns: ["singleton", "version", "json", "imported_ms"], key: ["singleton"]),
        Table(name: "assessor", columns: ["id", "name", "awarding_body", "did", "added_ms"], key: ["id"]),
        Table(name: "issued_credential", columns: ["id", "learner_id", "course_id", "awarding_body", "status_index", "status", "issued_ms", "json",
                                                   "holder_did"], key: ["id"]),
        Table(name: "status_list", columns: ["awarding_body", "next_slot", "version"], key: ["awarding_body"]),
        Table(name: "hub_head", columns: ["seq", "mark", "created_ms"], key: ["seq"]),
        Table(name: "hub_epoch", columns: ["epoch", "started_ms", "change_seq", "reason"], key: ["epoch"]),
        Table(name: "erased_learner", columns: ["id_hash", "erased_ms"], key: ["id_hash"]),
        Table(name: "audit_log", columns: ["seq", "at_ms", "kind", "learner_hash", "device_id", "detail", "hash"], key: ["seq"], bytes: ["hash"]),
        Table(name: "device_audit_anchor", columns: ["device", "seq", "hash", "at_ms"], key: ["device"]),
        Table(name: "learner_reset_code", columns: ["learner_id", "code_hash", "assessor", "created_ms", "expires_ms", "used_ms", "failed_attempts",
                                                    "locked_until_ms"], key: ["learner_id"]),
        Table(name: "learner_former_did", columns: ["learner_id", "did", "replaced_ms"], key: ["learner_id", "did"]),
    ]

    /// Copied in insertion order; the history keeps its order (SQLite's rowid, PostgreSQL's id).
    static let history = Table(name: "hub_record_history", columns: ["learner_id", "key", "state_json", "origin", "received_ms"], key: [])
    static let conflicts = Table(name: "hub_statement_conflict", columns: ["id", "learner_id", "origin", "json"], key: ["id", "json"])

    /// What was copied: rows and a SHA-256 of each table, equal on both sides.
    public struct Report: Sendable {
        public struct TableReport: Sendable {
            public var name: String
            public var rows: Int
            public var sha256: String
        }
        public var tables: [TableReport] = []
        public var changeSequence: Int64 = 0
    }

    /// Rows per INSERT (well under PostgreSQL's 65,535 parameters for the widest table).
    static let chunk = 500

    public static func copy(from source: SQLiteRepositoryStore, to target: PostgresRepositoryStore) async throws -> Report {
        let pool = source.pool
        try await target.database.transaction { tx in
            // Only into a repository nothing has used: the copy brings the hub's identity with it.
            let used = try await tx.one("""
                SELECT (SELECT COUNT(*) FROM device) + (SELECT COUNT(*) FROM learner) + (SELECT COUNT(*) FROM hub_statement)
                  + (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM catalog)
                """, as: Int64.self)
            guard used == 0 else { throw PostgresStoreCopyError("the target database is not empty; copy into a new database (createdb) only") }
            try await tx.execute("DELETE FROM hub_epoch")
            for table in tables + [history] {
                try await copyRows(table, pool: pool, tx: tx)
            }
            try await copyConflicts(pool: pool, tx: tx)
            let meta = try await pool.read { db -> Row? in try Row.fetchOne(db, sql: """
                SELECT m.replica, m.epoch, m.witness_key, m.marks_kept_from, m.change_seq, m.statements_received, m.statements_duplicate,
                       m.batches, m.batches_replayed, c.trust_version
                FROM hub_meta m, credential_meta c
                """) }
            guard let meta else { throw PostgresStoreCopyError("the SQLite database has no hub_meta row: it is damaged; check it with repositoryd check") }
            let witnessKey: Data = meta["witness_key"] ?? Data()
            try await tx.execute("""
                UPDATE hub_meta SET replica = \(meta["replica"] as String? ?? ""), epoch = \(meta["epoch"] as String? ?? ""),
                  witness_key = \(witnessKey), marks_kept_from = \(meta["marks_kept_from"] as Int64? ?? 0),
                  trust_version = \(meta["trust_version"] as Int64? ?? 1)
                """)
            try await tx.execute("""
                INSERT INTO hub_push_count (received, duplicate, batches, replayed)
                VALUES (\(meta["statements_received"] as Int64? ?? 0), \(meta["statements_duplicate"] as Int64? ?? 0),
                        \(meta["batches"] as Int64? ?? 0), \(meta["batches_replayed"] as Int64? ?? 0))
                """)
            let changeSeq = meta["change_seq"] as Int64? ?? 0
            if changeSeq > 0 { try await tx.execute("SELECT setval('hub_change_seq', \(changeSeq))") }
            try await tx.execute("SELECT setval('replica_id_seq', GREATEST((SELECT MAX(id) FROM replica), 1))")
        }
        return try await verify(source: pool, target: target)
    }

    /// A chunk at a time, each chunk after the last one's key (never OFFSET: a million
    /// statements would be read a thousand times over).
    static func copyRows(_ table: Table, pool: DatabasePool, tx: PostgresTransaction) async throws {
        let key = table.key.isEmpty ? ["rowid"] : table.key
        let tuple = "(" + key.joined(separator: ", ") + ")"
        var after: [DatabaseValue]?
        while true {
            let rows = try await pool.read { [after] db in
                let columns = (table.columns + (table.key.isEmpty ? ["rowid"] : [])).joined(separator: ", ")
                let filter = after == nil ? "" : "WHERE \(tuple) > (" + key.map { _ in "?" }.joined(separator: ", ") + ")"
                return try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(table.name) \(filter) ORDER BY \(key.joined(separator: ", ")) LIMIT \(chunk)",
                                        arguments: StatementArguments(after ?? []))
            }
            guard let last = rows.last else { return }
            try await insert(table.name, columns: table.columns, rows: rows.map { row in table.columns.map { row[$0] as DatabaseValue } }, tx: tx)
            after = key.map { last[$0] as DatabaseValue }
            if rows.count < chunk { return }
        }
    }

    static func copyConflicts(pool: DatabasePool, tx: PostgresTransaction) async throws {
        let rows = try await pool.read { db in try Row.fetchAll(db, sql: "SELECT id, learner_id, origin, json FROM hub_statement_conflict") }
        for start in stride(from: 0, to: rows.count, by: chunk) {
            let slice = rows[start..<min(start + chunk, rows.count)]
            try await insert("hub_statement_conflict", columns: ["id", "json_sha256", "learner_id", "origin", "json"], rows: slice.map { row in
                let json: String = row["json"] ?? ""
                return [row["id"], SessionToken.sha256Hex(json).databaseValue, row["learner_id"], row["origin"], row["json"]]
            }, tx: tx)
        }
    }

    /// One multi-row INSERT with every value bound as its SQLite type gives it.
    static func insert(_ table: String, columns: [String], rows: [[DatabaseValue]], tx: PostgresTransaction) async throws {
        var binds = PostgresBindings()
        var groups: [String] = []
        var n = 0
        for row in rows {
            var placeholders: [String] = []
            for value in row {
                n += 1
                placeholders.append("$\(n)")
                switch value.storage {
                case .null: binds.appendNull()
                case .int64(let int): binds.append(int)
                case .double(let double): binds.append(double)
                case .string(let text): binds.append(text)
                case .blob(let data): try binds.append(data)
                }
            }
            groups.append("(" + placeholders.joined(separator: ", ") + ")")
        }
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + groups.joined(separator: ", ")
        try await tx.execute(PostgresQuery(unsafeSQL: sql, binds: binds))
    }
}

/// Why a copy cannot be made, with what to do.
///
/// ```swift
/// throw PostgresStoreCopyError("the target database is not empty; copy into a new database (createdb) only")
/// ```
public struct PostgresStoreCopyError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
