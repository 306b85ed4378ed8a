/// The tables of issue 13's cmi5 launches and xAPI documents (migration "v18-cmi5"). Both are
/// this PC's only: they never sync (the statements a launch leads to do).
///
/// `cmi5_session`: one row per launch. The fetch URL's secret and the auth token are kept only as
/// their SHA-256; `token_hash` is set by the first fetch, which makes the fetch one-time.
/// `verbs` holds the cmi5 defined verbs the session used, space separated (`Cmi5SessionState`).
/// The course structure rides along as JSON so the statement rules and satisfaction need nothing
/// else from the package store.
///
/// `xapi_document`: State (kind 0), Agent Profile (kind 1) and Activity Profile (kind 2)
/// documents, per learner.
///
/// `statement_registration`: the cmi5 rules read a registration's completed and passed statements
/// at every statement a launch sends; without it that was a walk over all the learner's statements.
enum Cmi5Tables {
    static let schema = """
        CREATE TABLE cmi5_session (
            session_id TEXT PRIMARY KEY NOT NULL,
            learner_id TEXT NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
            registration TEXT NOT NULL,
            course_json TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            launch_mode TEXT NOT NULL,
            fetch_hash TEXT NOT NULL UNIQUE,
            token_hash TEXT UNIQUE,
            created_ms INTEGER NOT NULL,
            expires_ms INTEGER NOT NULL,
            last_ms INTEGER NOT NULL,
            initialized INTEGER NOT NULL DEFAULT 0,
            terminated_ms INTEGER,
            abandoned INTEGER NOT NULL DEFAULT 0,
            verbs TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX cmi5_session_registration ON cmi5_session(learner_id, registration);
        CREATE INDEX cmi5_session_open ON cmi5_session(expires_ms) WHERE terminated_ms IS NULL AND abandoned = 0;
        CREATE TABLE xapi_document (
            learner_id TEXT NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
            kind INTEGER NOT NULL,
            activity_id TEXT NOT NULL,
            registration TEXT NOT NULL,
            document_id TEXT NOT NULL,
            content_type TEXT NOT NULL,
            content BLOB NOT NULL,
            etag TEXT NOT NULL,
            updated_ms INTEGER NOT NULL,
            PRIMARY KEY (learner_id, kind, activity_id, registration, document_id)
        ) WITHOUT ROWID;
        CREATE INDEX statement_registration ON statement(learner_id, registration) WHERE registration IS NOT NULL;
        """
}
