import GRDB

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
        return migrator
    }
}
