import SQLiteStorage
import Foundation
import GRDB
import SyncEngine

/// The repository's schema, as versioned migrations. A shipped migration never changes.
///
/// ```swift
/// try RepositoryMigrations.migrator.migrate(pool)
/// ```
enum RepositoryMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-hub") { db in
            try db.execute(sql: """
                CREATE TABLE hub_meta (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    replica TEXT NOT NULL,
                    change_seq INTEGER NOT NULL DEFAULT 0,
                    statements_received INTEGER NOT NULL DEFAULT 0,
                    statements_duplicate INTEGER NOT NULL DEFAULT 0,
                    statements_conflict INTEGER NOT NULL DEFAULT 0,
                    batches INTEGER NOT NULL DEFAULT 0,
                    batches_replayed INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE device (
                    id TEXT PRIMARY KEY NOT NULL,
                    replica TEXT NOT NULL,
                    name TEXT NOT NULL,
                    token_hash TEXT NOT NULL UNIQUE,
                    registered_ms INTEGER NOT NULL
                );
                CREATE TABLE enrolment_code (
                    code_hash TEXT PRIMARY KEY NOT NULL,
                    label TEXT,
                    created_ms INTEGER NOT NULL,
                    expires_ms INTEGER NOT NULL,
                    used_by TEXT
                );
                CREATE TABLE learner (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    pin_salt TEXT NOT NULL,
                    pin_hash TEXT NOT NULL,
                    pin_log_n INTEGER NOT NULL,
                    pin_block_size INTEGER NOT NULL,
                    pin_parallelism INTEGER NOT NULL,
                    created_ms INTEGER NOT NULL,
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    locked_until_ms INTEGER NOT NULL DEFAULT 0
                );
                -- Replicas as small integers: the per-statement sync bookkeeping stays a few bytes.
                CREATE TABLE replica (
                    id INTEGER PRIMARY KEY,
                    replica TEXT NOT NULL UNIQUE
                );
                CREATE TABLE hub_statement (
                    hub_seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    learner_id TEXT NOT NULL,
                    origin INTEGER NOT NULL,
                    json TEXT NOT NULL
                );
                -- Covering for pulls: skipping the asker's own statements needs no table reads.
                CREATE INDEX hub_statement_learner_seq ON hub_statement(learner_id, hub_seq, origin);
                CREATE TABLE hub_statement_conflict (
                    id TEXT NOT NULL,
                    learner_id TEXT NOT NULL,
                    origin INTEGER NOT NULL,
                    json TEXT NOT NULL,
                    PRIMARY KEY (id, json)
                ) WITHOUT ROWID;
                CREATE TABLE hub_record (
                    learner_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    state_json TEXT NOT NULL,
                    hub_seq INTEGER NOT NULL,
                    PRIMARY KEY (learner_id, key)
                ) WITHOUT ROWID;
                CREATE INDEX hub_record_learner_seq ON hub_record(learner_id, hub_seq);
                CREATE TABLE hub_record_history (
                    learner_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    state_json TEXT NOT NULL,
                    origin INTEGER NOT NULL,
                    received_ms INTEGER NOT NULL
                );
                -- Which devices hold which learners: a device may pull only a learner it pushed
                -- for or fetched with their PIN.
                CREATE TABLE device_learner (
                    device TEXT NOT NULL,
                    learner_id TEXT NOT NULL,
                    PRIMARY KEY (device, learner_id)
                ) WITHOUT ROWID;
                CREATE TABLE hub_batch (
                    batch TEXT PRIMARY KEY NOT NULL,
                    device TEXT NOT NULL,
                    response_json TEXT NOT NULL,
                    created_ms INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE catalog (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    version TEXT NOT NULL,
                    json TEXT NOT NULL,
                    imported_ms INTEGER NOT NULL
                );
                """)
            try db.execute(sql: "INSERT INTO hub_meta (singleton, replica) VALUES (1, ?)", arguments: [UUID().uuidString.lowercased()])
        }
        migrator.registerMigration("v2-credentials") { db in
            try db.execute(sql: """
                -- The learner's holder key as their PC sealed it under the PIN: kept and handed to
                -- a PC that fetches the learner, never opened here. NULL for learners from before.
                ALTER TABLE learner ADD COLUMN holder_did TEXT;
                ALTER TABLE learner ADD COLUMN holder_sealed TEXT;
                ALTER TABLE learner ADD COLUMN holder_salt TEXT;
                ALTER TABLE learner ADD COLUMN holder_log_n INTEGER;
                ALTER TABLE learner ADD COLUMN holder_block_size INTEGER;
                ALTER TABLE learner ADD COLUMN holder_parallelism INTEGER;
                CREATE TABLE assessor (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    awarding_body TEXT NOT NULL,
                    did TEXT NOT NULL UNIQUE,
                    added_ms INTEGER NOT NULL
                );
                -- awarding_body is the body's slug (its status list and key file are named by it).
                -- status: 0 valid, 1 suspended, 2 revoked (the 2-bit value of its status entry).
                CREATE TABLE issued_credential (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner_id TEXT NOT NULL,
                    course_id TEXT NOT NULL,
                    awarding_body TEXT NOT NULL,
                    status_index INTEGER NOT NULL,
                    status INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),
                    issued_ms INTEGER NOT NULL,
                    json TEXT NOT NULL,
                    UNIQUE (learner_id, course_id),
                    UNIQUE (awarding_body, status_index)
                );
                -- Per awarding body: how many status slots are taken, and a version that changes
                -- whenever a bit of its list does (the signed list is cached until then).
                CREATE TABLE status_list (
                    awarding_body TEXT PRIMARY KEY NOT NULL,
                    next_slot INTEGER NOT NULL DEFAULT 0,
                    version INTEGER NOT NULL DEFAULT 1
                ) WITHOUT ROWID;
                -- The trust list's version: changes with the assessors and the catalog's bodies.
                CREATE TABLE credential_meta (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    trust_version INTEGER NOT NULL DEFAULT 1
                );
                INSERT INTO credential_meta (singleton) VALUES (1);
                """)
        }
        // Epochs (docs/SYNC.md, "When the repository goes back in time"): the current epoch, the
        // key that seals witnesses, the mark of every transaction that advanced the change
        // sequence, and the log of epochs started.
        migrator.registerMigration("v3-hub-epoch") { db in
            try db.execute(sql: """
                ALTER TABLE hub_meta ADD COLUMN epoch TEXT NOT NULL DEFAULT '';
                ALTER TABLE hub_meta ADD COLUMN witness_key BLOB;
                CREATE TABLE hub_head (
                    seq INTEGER PRIMARY KEY,
                    mark TEXT NOT NULL
                );
                CREATE TABLE hub_epoch (
                    epoch TEXT PRIMARY KEY NOT NULL,
                    started_ms INTEGER NOT NULL,
                    change_seq INTEGER NOT NULL,
                    reason TEXT NOT NULL
                );
                """)
            let epoch = HubWitness.randomToken()
            try db.execute(sql: "UPDATE hub_meta SET epoch = ?, witness_key = ?", arguments: [epoch, Data(HubWitnessKey.random().bytes)])
            try db.execute(sql: "INSERT INTO hub_epoch (epoch, started_ms, change_seq, reason) SELECT ?, ?, change_seq, 'created' FROM hub_meta",
                           arguments: [epoch, Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))])
        }
        // Bounded growth (docs/REPOSITORY.md, "What the repository keeps, and for how long"): the
        // batch log keyed by device, so each device's entries can be found and pruned; the
        // record history indexed by record, so each record's old versions can be; and the time
        // each witness mark was made, for their horizon.
        migrator.registerMigration("v4-retention") { db in
            try db.execute(sql: """
                CREATE TABLE hub_batch_log (
                    device TEXT NOT NULL,
                    batch TEXT NOT NULL,
                    response_json TEXT NOT NULL,
                    created_ms INTEGER NOT NULL,
                    PRIMARY KEY (device, batch)
                ) WITHOUT ROWID;
                CREATE INDEX hub_batch_log_created ON hub_batch_log(created_ms);
                INSERT INTO hub_batch_log (device, batch, response_json, created_ms)
                    SELECT device, batch, response_json, created_ms FROM hub_batch;
                DROP TABLE hub_batch;
                CREATE INDEX hub_record_history_record ON hub_record_history(learner_id, key);
                ALTER TABLE hub_head ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX hub_head_created ON hub_head(created_ms);
                ALTER TABLE hub_meta ADD COLUMN marks_kept_from INTEGER NOT NULL DEFAULT 0;
                """)
        }
        // Issue 10: a device row outlives its revocation (its learners stay on record, so a
        // revoked PC that proves its old token keeps them), one live device per replica, admin
        // replace codes, and the device a copied PC was made from.
        migrator.registerMigration("v5-device-lifecycle") { db in
            try db.execute(sql: """
                ALTER TABLE device ADD COLUMN revoked_ms INTEGER;
                ALTER TABLE device ADD COLUMN replaced_by TEXT;
                ALTER TABLE device ADD COLUMN copied_from TEXT;
                CREATE INDEX device_replica ON device(replica);
                -- A code made by `repositoryd device replace DEVICE`: its enrolment takes over
                -- that device's learners and revokes it.
                ALTER TABLE enrolment_code ADD COLUMN replaces TEXT;
                """)
        }
        // The right to erasure (`repositoryd learner erase`, docs/REPOSITORY.md "Erasure"): an
        // erased learner is remembered only by the SHA-256 of their id, so a PC that still holds
        // them cannot create them again with a push; batch log entries name their learner, so an
        // erasure finds them.
        migrator.registerMigration("v6-erasure") { db in
            try db.execute(sql: """
                CREATE TABLE erased_learner (
                    id_hash TEXT PRIMARY KEY NOT NULL,
                    erased_ms INTEGER NOT NULL
                ) WITHOUT ROWID;
                ALTER TABLE hub_batch_log ADD COLUMN learner_id TEXT;
                CREATE INDEX hub_batch_log_learner ON hub_batch_log(learner_id) WHERE learner_id IS NOT NULL;
                """)
        }
        // Issue 11 item 3: the append-only, hash-chained audit log (learner fetches, wrong PINs,
        // lock-outs, enrolment codes, device enrolment and revocation, credential issuance and
        // revocation, erasure). Triggers refuse UPDATE and DELETE.
        migrator.registerMigration("v7-audit-log") { db in
            try db.execute(sql: AuditLogTable.schema)
        }
        // Issue 11 item 5: a PC replaces its device token on demand (`POST /sync/v1/devices/token`).
        // The replaced token's hash is kept only so the same request again after a lost answer is
        // recognised (it authenticates nothing else); `token_ms` is when the token was set (NULL:
        // at enrolment), for `repositoryd device list`.
        migrator.registerMigration("v8-device-token-rotation") { db in
            try db.execute(sql: """
                ALTER TABLE device ADD COLUMN previous_token_hash TEXT;
                ALTER TABLE device ADD COLUMN token_ms INTEGER;
                CREATE INDEX device_previous_token ON device(previous_token_hash) WHERE previous_token_hash IS NOT NULL;
                """)
        }
        // The newest head of each device's own audit log (AuditAnchor): entries up to it cannot be
        // changed or cut off at the PC without the repository noticing.
        migrator.registerMigration("v9-audit-anchor") { db in
            try db.execute(sql: """
                CREATE TABLE device_audit_anchor (
                    device TEXT PRIMARY KEY,
                    seq INTEGER NOT NULL,
                    hash TEXT NOT NULL,
                    at_ms INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        // Issue 11 item 5 and `pin change`: each learner's newest signed claim
        // (`WireLearnerClaim`, its canonical JSON) and its generation (-1: none yet), so a pull
        // can bring a newer one to a PC that has an older one.
        migrator.registerMigration("v10-pin-claim") { db in
            try db.execute(sql: """
                ALTER TABLE learner ADD COLUMN claim TEXT;
                ALTER TABLE learner ADD COLUMN claim_generation INTEGER NOT NULL DEFAULT -1;
                """)
        }
        // PIN reset (`repositoryd learner reset-pin`): one live reset code per learner, stored only
        // as its SHA-256 with who vouched for the learner and until when; wrong codes are counted
        // on the row (a lock like the fetch's, so codes cannot be guessed). `reset_statement` is
        // the repository's signed word for the learner's new holder DID (`LearnerResetStatement`).
        migrator.registerMigration("v11-pin-reset") { db in
            try db.execute(sql: """
                CREATE TABLE learner_reset_code (
                    learner_id TEXT PRIMARY KEY,
                    code_hash TEXT NOT NULL,
                    assessor TEXT NOT NULL,
                    created_ms INTEGER NOT NULL,
                    expires_ms INTEGER NOT NULL,
                    used_ms INTEGER,
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    locked_until_ms INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;
                ALTER TABLE learner ADD COLUMN reset_statement TEXT;
                CREATE TABLE learner_former_did (
                    learner_id TEXT NOT NULL,
                    did TEXT NOT NULL,
                    replaced_ms INTEGER NOT NULL,
                    PRIMARY KEY (learner_id, did)
                ) WITHOUT ROWID;
                """)
            // After a reset the learner's credentials are issued again to their new DID: one
            // credential per (learner, course, holder DID), the DID each was issued to kept.
            try db.execute(sql: """
                CREATE TABLE issued_credential_v11 (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner_id TEXT NOT NULL,
                    course_id TEXT NOT NULL,
                    awarding_body TEXT NOT NULL,
                    status_index INTEGER NOT NULL,
                    status INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),
                    issued_ms INTEGER NOT NULL,
                    json TEXT NOT NULL,
                    holder_did TEXT,
                    UNIQUE (learner_id, course_id, holder_did),
                    UNIQUE (awarding_body, status_index)
                );
                INSERT INTO issued_credential_v11 (id, learner_id, course_id, awarding_body, status_index, status, issued_ms, json, holder_did)
                    SELECT id, learner_id, course_id, awarding_body, status_index, status, issued_ms, json,
                           CASE WHEN json_valid(json) THEN json_extract(json, '$.credentialSubject.id') END
                    FROM issued_credential;
                DROP TABLE issued_credential;
                ALTER TABLE issued_credential_v11 RENAME TO issued_credential;
                """)
        }
        return migrator
    }
}
