import Foundation
import PostgresNIO
import SyncEngine

/// The PostgreSQL repository's schema, as versioned migrations of its own (the SQLite store's
/// history is not replayed: this schema starts where that one stands). A shipped migration never
/// changes. Instances starting at once migrate one at a time (an advisory lock); a database a
/// newer repositoryd migrated is refused, never changed.
///
/// ```swift
/// try await PostgresMigrations.migrate(database)
/// ```
enum PostgresMigrations {
    /// The advisory lock key migrations hold (any constant no other lock uses).
    static let lockKey: Int64 = 0x7265_706f_6d69_6772

    static let all: [(id: String, sql: String)] = [("v1-repository", v1)]

    /// What this binary knows, for messages: the newest migration.
    static var newest: String { all.last?.id ?? "" }

    /// Brings the schema up to date; throws `PostgresSchemaError.newer` for a database a newer
    /// repositoryd migrated.
    static func migrate(_ database: PostgresDatabase) async throws {
        try await database.transaction { tx in
            try await tx.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
            try await tx.execute("CREATE TABLE IF NOT EXISTS repository_schema (id text PRIMARY KEY, applied_ms bigint NOT NULL)")
            let applied = Set(try await tx.all("SELECT id FROM repository_schema", as: String.self))
            let known = Set(all.map(\.id))
            if let unknown = applied.subtracting(known).sorted().first {
                throw PostgresSchemaError.newer(migration: unknown)
            }
            for migration in all where !applied.contains(migration.id) {
                // One statement at a time (the extended protocol takes one): each ends with ';' at a line end.
                for statement in migration.sql.components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    try await tx.execute(PostgresQuery(unsafeSQL: statement))
                }
                let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
                try await tx.execute("INSERT INTO repository_schema (id, applied_ms) VALUES (\(migration.id), \(now))")
                if migration.id == "v1-repository" { try await seed(tx, nowMs: now) }
            }
        }
    }

    /// The hub's identity: its replica, first epoch and the key that seals witnesses.
    static func seed(_ tx: PostgresTransaction, nowMs: Int64) async throws {
        let epoch = HubWitness.randomToken()
        let key = Data(HubWitnessKey.random().bytes)
        try await tx.execute("""
            INSERT INTO hub_meta (singleton, replica, epoch, witness_key) VALUES (1, \(UUID().uuidString.lowercased()), \(epoch), \(key))
            """)
        try await tx.execute("INSERT INTO hub_epoch (epoch, started_ms, change_seq, reason) VALUES (\(epoch), \(nowMs), 0, 'created')")
    }

    /// The schema the SQLite store reached at its v11, in PostgreSQL's words. Differences that
    /// matter with several instances on one database: the change sequence is a SEQUENCE; push
    /// counters are rows added per push (no hot row every push would wait on); one live device
    /// per replica is a unique index; a conflicting statement is keyed by a hash of its text.
    static let v1 = """
        CREATE TABLE hub_meta (
            singleton int PRIMARY KEY CHECK (singleton = 1),
            replica text NOT NULL,
            epoch text NOT NULL,
            witness_key bytea NOT NULL,
            marks_kept_from bigint NOT NULL DEFAULT 0,
            trust_version bigint NOT NULL DEFAULT 1
        );
        CREATE SEQUENCE hub_change_seq;
        CREATE TABLE hub_push_count (
            id bigserial PRIMARY KEY,
            received bigint NOT NULL DEFAULT 0,
            duplicate bigint NOT NULL DEFAULT 0,
            batches bigint NOT NULL DEFAULT 0,
            replayed bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE device (
            id text PRIMARY KEY,
            replica text NOT NULL,
            name text NOT NULL,
            token_hash text NOT NULL UNIQUE,
            registered_ms bigint NOT NULL,
            revoked_ms bigint,
            replaced_by text,
            copied_from text,
            previous_token_hash text,
            token_ms bigint
        );
        CREATE INDEX device_replica ON device (replica);
        CREATE UNIQUE INDEX device_live_replica ON device (replica) WHERE revoked_ms IS NULL;
        CREATE INDEX device_previous_token ON device (previous_token_hash) WHERE previous_token_hash IS NOT NULL;
        CREATE TABLE enrolment_code (
            code_hash text PRIMARY KEY,
            label text,
            created_ms bigint NOT NULL,
            expires_ms bigint NOT NULL,
            used_by text,
            replaces text
        );
        CREATE TABLE learner (
            id text PRIMARY KEY,
            name text NOT NULL,
            pin_salt text NOT NULL,
            pin_hash text NOT NULL,
            pin_log_n int NOT NULL,
            pin_block_size int NOT NULL,
            pin_parallelism int NOT NULL,
            created_ms bigint NOT NULL,
            failed_attempts int NOT NULL DEFAULT 0,
            locked_until_ms bigint NOT NULL DEFAULT 0,
            holder_did text,
            holder_sealed text,
            holder_salt text,
            holder_log_n int,
            holder_block_size int,
            holder_parallelism int,
            claim text,
            claim_generation bigint NOT NULL DEFAULT -1,
            reset_statement text
        );
        CREATE TABLE replica (
            id bigserial PRIMARY KEY,
            replica text NOT NULL UNIQUE
        );
        CREATE TABLE hub_statement (
            hub_seq bigint PRIMARY KEY,
            id text NOT NULL UNIQUE,
            learner_id text NOT NULL,
            origin bigint NOT NULL,
            json text NOT NULL
        );
        CREATE INDEX hub_statement_learner_seq ON hub_statement (learner_id, hub_seq) INCLUDE (origin);
        CREATE TABLE hub_statement_conflict (
            id text NOT NULL,
            json_sha256 text NOT NULL,
            learner_id text NOT NULL,
            origin bigint NOT NULL,
            json text NOT NULL,
            PRIMARY KEY (id, json_sha256)
        );
        CREATE INDEX hub_statement_conflict_learner ON hub_statement_conflict (learner_id);
        CREATE TABLE hub_record (
            learner_id text NOT NULL,
            key text NOT NULL,
            state_json text NOT NULL,
            hub_seq bigint NOT NULL,
            PRIMARY KEY (learner_id, key)
        );
        CREATE INDEX hub_record_learner_seq ON hub_record (learner_id, hub_seq);
        CREATE TABLE hub_record_history (
            id bigserial PRIMARY KEY,
            learner_id text NOT NULL,
            key text NOT NULL,
            state_json text NOT NULL,
            origin bigint NOT NULL,
            received_ms bigint NOT NULL
        );
        CREATE INDEX hub_record_history_record ON hub_record_history (learner_id, key, id);
        CREATE TABLE device_learner (
            device text NOT NULL,
            learner_id text NOT NULL,
            PRIMARY KEY (device, learner_id)
        );
        CREATE INDEX device_learner_learner ON device_learner (learner_id);
        CREATE TABLE hub_batch_log (
            device text NOT NULL,
            batch text NOT NULL,
            response_json text NOT NULL,
            created_ms bigint NOT NULL,
            learner_id text,
            PRIMARY KEY (device, batch)
        );
        CREATE INDEX hub_batch_log_created ON hub_batch_log (created_ms);
        CREATE INDEX hub_batch_log_learner ON hub_batch_log (learner_id) WHERE learner_id IS NOT NULL;
        CREATE TABLE catalog (
            singleton int PRIMARY KEY CHECK (singleton = 1),
            version text NOT NULL,
            json text NOT NULL,
            imported_ms bigint NOT NULL
        );
        CREATE TABLE assessor (
            id text PRIMARY KEY,
            name text NOT NULL,
            awarding_body text NOT NULL,
            did text NOT NULL UNIQUE,
            added_ms bigint NOT NULL
        );
        -- status: 0 valid, 1 suspended, 2 revoked. One credential per learner, course and holder
        -- DID, whichever instance issues it: the constraint, not a lock in a process, says so.
        CREATE TABLE issued_credential (
            id text PRIMARY KEY,
            learner_id text NOT NULL,
            course_id text NOT NULL,
            awarding_body text NOT NULL,
            status_index int NOT NULL,
            status smallint NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),
            issued_ms bigint NOT NULL,
            json text NOT NULL,
            holder_did text,
            UNIQUE NULLS NOT DISTINCT (learner_id, course_id, holder_did),
            UNIQUE (awarding_body, status_index)
        );
        CREATE INDEX issued_credential_learner ON issued_credential (learner_id);
        CREATE TABLE status_list (
            awarding_body text PRIMARY KEY,
            next_slot int NOT NULL DEFAULT 0,
            version bigint NOT NULL DEFAULT 1
        );
        CREATE TABLE hub_head (
            seq bigint PRIMARY KEY,
            mark text NOT NULL,
            created_ms bigint NOT NULL
        );
        CREATE INDEX hub_head_created ON hub_head (created_ms);
        CREATE TABLE hub_epoch (
            epoch text PRIMARY KEY,
            started_ms bigint NOT NULL,
            change_seq bigint NOT NULL,
            reason text NOT NULL
        );
        CREATE TABLE erased_learner (
            id_hash text PRIMARY KEY,
            erased_ms bigint NOT NULL
        );
        CREATE TABLE audit_log (
            seq bigint PRIMARY KEY,
            at_ms bigint NOT NULL,
            kind text NOT NULL,
            learner_hash text,
            device_id text,
            detail text NOT NULL,
            hash bytea NOT NULL
        );
        CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
        CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
        CREATE TABLE device_audit_anchor (
            device text PRIMARY KEY,
            seq bigint NOT NULL,
            hash text NOT NULL,
            at_ms bigint NOT NULL
        );
        CREATE TABLE learner_reset_code (
            learner_id text PRIMARY KEY,
            code_hash text NOT NULL,
            assessor text NOT NULL,
            created_ms bigint NOT NULL,
            expires_ms bigint NOT NULL,
            used_ms bigint,
            failed_attempts int NOT NULL DEFAULT 0,
            locked_until_ms bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE learner_former_did (
            learner_id text NOT NULL,
            did text NOT NULL,
            replaced_ms bigint NOT NULL,
            PRIMARY KEY (learner_id, did)
        );

        """
}

/// The PostgreSQL database cannot be used by this repositoryd, with what to do.
///
/// ```swift
/// throw PostgresSchemaError.newer(migration: "v2-…")
/// ```
public enum PostgresSchemaError: Error, CustomStringConvertible, Sendable {
    case newer(migration: String)

    public var description: String {
        switch self {
        case .newer(let migration):
            "the database was migrated by a newer repositoryd (it has migration \(migration); this one knows up to \(PostgresMigrations.newest)); "
                + "run that newer repositoryd, or restore a dump made before the upgrade"
        }
    }
}
