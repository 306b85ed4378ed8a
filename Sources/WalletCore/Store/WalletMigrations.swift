import Foundation
import GRDB
import SQLiteStorage

/// The schema, as a list of versioned migrations. A migration, once shipped, never changes:
/// add a new one.
enum WalletMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-learners-sessions-statements") { db in
            try db.execute(sql: """
                CREATE TABLE learner (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    pin_salt BLOB NOT NULL,
                    pin_hash BLOB NOT NULL,
                    pin_log_n INTEGER NOT NULL,
                    pin_block_size INTEGER NOT NULL,
                    pin_parallelism INTEGER NOT NULL,
                    created_ms INTEGER NOT NULL,
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    locked_until_ms INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE session (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    learner_id TEXT NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
                    created_ms INTEGER NOT NULL,
                    expires_ms INTEGER NOT NULL
                );
                CREATE INDEX session_learner ON session(learner_id);
                CREATE TABLE statement (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    learner_id TEXT NOT NULL REFERENCES learner(id),
                    stored_ms INTEGER NOT NULL,
                    verb_id TEXT NOT NULL,
                    registration TEXT,
                    ref_target TEXT,
                    is_voiding INTEGER NOT NULL,
                    voided INTEGER NOT NULL DEFAULT 0,
                    json TEXT NOT NULL
                );
                CREATE INDEX statement_learner_seq ON statement(learner_id, seq);
                CREATE INDEX statement_ref_target ON statement(ref_target) WHERE ref_target IS NOT NULL;
                CREATE TABLE statement_activity (
                    activity_id TEXT NOT NULL,
                    seq INTEGER NOT NULL REFERENCES statement(seq),
                    related_only INTEGER NOT NULL,
                    PRIMARY KEY (activity_id, seq)
                ) WITHOUT ROWID;
                CREATE TABLE statement_agent (
                    agent_key TEXT NOT NULL,
                    seq INTEGER NOT NULL REFERENCES statement(seq),
                    related_only INTEGER NOT NULL,
                    PRIMARY KEY (agent_key, seq)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-sync") { db in
            // Sync bookkeeping is one byte per statement (`origin`) and one row per learner, so
            // it stays far under 100 bytes per statement. The replica id is made here, once.
            try db.execute(sql: """
                ALTER TABLE statement ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE sync_identity (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    replica TEXT NOT NULL,
                    repository TEXT,
                    device TEXT,
                    token TEXT,
                    ca_file TEXT,
                    registered_ms INTEGER,
                    last_success_ms INTEGER,
                    last_attempt_ms INTEGER,
                    last_error TEXT
                );
                CREATE TABLE sync_partition (
                    learner_id TEXT PRIMARY KEY NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
                    pushed_seq INTEGER NOT NULL DEFAULT 0,
                    pulled_since INTEGER NOT NULL DEFAULT 0,
                    announced INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE record (
                    learner_id TEXT NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    state_json TEXT NOT NULL,
                    dirty INTEGER NOT NULL,
                    PRIMARY KEY (learner_id, key)
                ) WITHOUT ROWID;
                CREATE TABLE statement_conflict (
                    id TEXT NOT NULL,
                    learner_id TEXT NOT NULL,
                    json TEXT NOT NULL,
                    received_ms INTEGER NOT NULL,
                    PRIMARY KEY (id, json)
                ) WITHOUT ROWID;
                CREATE TABLE catalog (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    version TEXT NOT NULL,
                    json TEXT NOT NULL
                );
                """)
            try db.execute(sql: "INSERT INTO sync_identity (singleton, replica) VALUES (1, ?)",
                           arguments: [UUID().uuidString.lowercased()])
        }
        // Credentials (docs/CREDENTIALS.md): the sealed holder key travels with the learner; issued
        // credentials arrive from the repository and are kept verbatim with what the check on
        // arrival found; the trust list and status lists are cached for offline export and checks.
        migrator.registerMigration("v3-credentials") { db in
            try db.execute(sql: """
                ALTER TABLE learner ADD COLUMN holder_key TEXT;
                CREATE TABLE credential (
                    id TEXT PRIMARY KEY NOT NULL,
                    learner_id TEXT NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
                    json TEXT NOT NULL,
                    issuer TEXT NOT NULL,
                    status_list TEXT,
                    received_ms INTEGER NOT NULL,
                    problem TEXT
                );
                CREATE INDEX credential_learner ON credential(learner_id, received_ms);
                CREATE TABLE trust_list (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    anchor TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    json TEXT NOT NULL,
                    fetched_ms INTEGER NOT NULL
                );
                CREATE TABLE status_list (
                    url TEXT PRIMARY KEY NOT NULL,
                    json TEXT NOT NULL,
                    fetched_ms INTEGER NOT NULL
                );
                """)
        }
        // A repository restored from an older copy (docs/SYNC.md, "When the repository goes back
        // in time"): the newest hub state this PC saw, and per learner how far statements that
        // came from the repository are sent back to it after it started a new epoch.
        migrator.registerMigration("v4-hub-epoch") { db in
            try db.execute(sql: """
                ALTER TABLE sync_identity ADD COLUMN hub_epoch TEXT;
                ALTER TABLE sync_identity ADD COLUMN hub_seq INTEGER;
                ALTER TABLE sync_identity ADD COLUMN hub_mark TEXT;
                ALTER TABLE sync_identity ADD COLUMN hub_seal TEXT;
                ALTER TABLE sync_partition ADD COLUMN resend_through INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE trust_list ADD COLUMN hub_epoch TEXT;
                """)
        }
        // Items the repository refused on their own (issue 10): held back on this PC, never
        // deleted, skipped by later pushes, shown in `GET /v1/sync`, and tried again when walletd's
        // version changes or on request. A record is held in the state that was refused: a later
        // write to it is tried again. `seq` is a statement's local sequence number, so a release
        // can move the push checkpoint back to just before it.
        migrator.registerMigration("v5-sync-quarantine") { db in
            try db.execute(sql: """
                CREATE TABLE sync_quarantine (
                    learner_id TEXT NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('statement', 'record')),
                    item TEXT NOT NULL,
                    seq INTEGER,
                    state_json TEXT,
                    code TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    quarantined_ms INTEGER NOT NULL,
                    walletd_version TEXT NOT NULL,
                    PRIMARY KEY (learner_id, kind, item)
                ) WITHOUT ROWID;
                """)
        }
        // Issue 10 item 3: a replica id belongs to one live database. The binding ties this
        // database to the machine and the file it was made in; a copy or a restore takes a new
        // replica id (`WalletStore.checkReplicaBinding`). `device_replica` is the replica the
        // device token was issued for: when it differs from `replica`, walletd asks the
        // repository for a device of its own before syncing.
        migrator.registerMigration("v6-replica-binding") { db in
            try db.execute(sql: """
                CREATE TABLE replica_binding (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    machine_id TEXT NOT NULL,
                    file_device INTEGER NOT NULL,
                    file_inode INTEGER NOT NULL,
                    bound_ms INTEGER NOT NULL,
                    -- Mirrored in the data folder's replica-generation file and moved on before
                    -- every push: a database file older than that file was restored over.
                    generation TEXT,
                    previous_generation TEXT
                );
                CREATE TABLE replica_history (
                    replica TEXT PRIMARY KEY NOT NULL,
                    retired_ms INTEGER NOT NULL,
                    reason TEXT NOT NULL
                );
                ALTER TABLE sync_identity ADD COLUMN device_replica TEXT;
                -- The token this copy proposes for its own device, kept until the repository
                -- answers, so a retry after a lost answer proves it is the same request.
                ALTER TABLE sync_identity ADD COLUMN copy_token TEXT;
                UPDATE sync_identity SET device_replica = replica WHERE token IS NOT NULL;
                """)
        }
        // When each learner last used this PC (login, a statement, a record write): learners
        // unused for `--sync-idle-learner-days` leave the pull set (docs/SYNC.md). Learners from
        // before start as used now, so an upgrade sends nobody away at once.
        migrator.registerMigration("v7-learner-activity") { db in
            try db.execute(sql: """
                ALTER TABLE learner ADD COLUMN last_used_ms INTEGER;
                UPDATE learner SET last_used_ms = CAST(strftime('%s', 'now') AS INTEGER) * 1000;
                """)
        }
        // Sessions are bound to the OS account that logged in (the kernel's SO_PEERCRED uid on the
        // socket): a token read by another account on a shared PC is refused, and `wallet-cli lock`
        // ends every session of one account. Sessions from before have no owner and stay usable
        // until they expire.
        migrator.registerMigration("v8-session-owner") { db in
            try db.execute(sql: """
                ALTER TABLE session ADD COLUMN owner_uid INTEGER;
                CREATE INDEX session_owner ON session(owner_uid);
                """)
        }
        // A learner fetched onto this PC pulls their statements this PC pushed too (the hub leaves
        // a replica's own statements out of its pulls), until caught up: after `wallet-cli forget`
        // those exist only at the repository (`PullRequest.Cursor.own`).
        migrator.registerMigration("v9-pull-own") { db in
            try db.execute(sql: "ALTER TABLE sync_partition ADD COLUMN pull_own INTEGER NOT NULL DEFAULT 0")
        }
        // Issue 11 item 3: the append-only, hash-chained audit log (logins, wrong PINs, lock-outs,
        // exports, attestations, forget, enrolment). Triggers refuse UPDATE and DELETE.
        migrator.registerMigration("v10-audit-log") { db in
            try db.execute(sql: AuditLogTable.schema)
        }
        // Issue 11 item 5, key rotation. The device token rotates on demand (`wallet-cli device
        // rotate-token`): the token this PC proposes is kept until the repository confirms it, so
        // a lost answer is finished by the next sync run with the same request; `token_ms` is when
        // the current token was set. `repin`: an enrolment (the admin's word) lets the next trust
        // list pin its key afresh, the way back after a trust-list key changed without a hand-over.
        migrator.registerMigration("v11-key-rotation") { db in
            try db.execute(sql: """
                ALTER TABLE sync_identity ADD COLUMN next_token TEXT;
                ALTER TABLE sync_identity ADD COLUMN token_ms INTEGER;
                ALTER TABLE trust_list ADD COLUMN repin INTEGER NOT NULL DEFAULT 0;
                """)
        }
        // Issue 11 item 5 and `pin change`: each learner's signed claim (`WireLearnerClaim`,
        // canonical JSON) and its generation (-1: none yet). Learners made before get theirs at
        // their next login.
        migrator.registerMigration("v12-pin-claim") { db in
            try db.execute(sql: """
                ALTER TABLE learner ADD COLUMN claim TEXT;
                ALTER TABLE learner ADD COLUMN claim_generation INTEGER NOT NULL DEFAULT -1;
                """)
        }
        // PIN reset: the repository's signed statement (`LearnerResetStatement`) that the learner's
        // new holder DID is theirs, kept so this PC can show it to a repository restored from a
        // backup that still has the old DID.
        migrator.registerMigration("v13-pin-reset") { db in
            try db.execute(sql: "ALTER TABLE learner ADD COLUMN reset_statement TEXT")
        }
        // Issue 14: progress kept as statements arrive (`KeptProgress`), built here from the
        // statements already stored, so an upgraded PC shows the same progress at once.
        migrator.registerMigration("v14-kept-progress") { db in
            try db.execute(sql: KeptProgress.schema)
            try KeptProgress.rebuild(db: db)
        }
        // Issue 14 item 3: indexes and a kept statement count for bounded read routes (ReadIndexes).
        migrator.registerMigration("v15-read-indexes") { db in
            try db.execute(sql: ReadIndexes.sql)
        }

        // Issue 13 item 4: attachment data from multipart/mixed statement requests (AttachmentTables).
        migrator.registerMigration("v16-attachments") { db in
            try db.execute(sql: AttachmentTables.sql)
        }

        // Issue 13 item 3: cmi5 course packages stored on the PC (ContentLibrary, docs/CONTENT.md).
        migrator.registerMigration("v17-content-packages") { db in
            try db.execute(sql: ContentTables.schema)
        }

        // Issue 13 item 3: cmi5 launch sessions and the xAPI State and Agent Profile documents
        // (`Cmi5Tables`), this PC's only.
        migrator.registerMigration("v18-cmi5") { db in
            try db.execute(sql: Cmi5Tables.schema)
        }

        // Issue 13 (conformance): State and Agent Profile documents keyed also by the agent the
        // request names, within the caller's learner (`XAPIDocumentAgentColumn`); sessions that
        // are xAPI credentials, with their own limits (`XAPICredentialPolicy`).
        migrator.registerMigration("v19-xapi-conformance") { db in
            try db.execute(sql: XAPIDocumentAgentColumn.sql)
            try db.execute(sql: XAPICredentialPolicy.sessionColumnsSQL)
        }

        return migrator
    }
}
