/// Migration "v19-xapi-conformance": `xapi_document` gains `agent`, part of its key.
///
/// xAPI tools and conformance suites name arbitrary agents in State and Agent Profile requests.
/// Each document still belongs to the caller's learner (`learner_id`), and within it to the agent
/// the request named (its `AgentIdentity` key, "" for the learner's own agent, which every
/// document stored before this migration was). SQLite cannot change a primary key in place, so
/// the table is rebuilt; it is this PC's only and small (`XAPIDocumentRules.maxDocumentsPerLearner`).
///
/// ```swift
/// try db.execute(sql: XAPIDocumentAgentColumn.sql)
/// ```
enum XAPIDocumentAgentColumn {
    static let sql = """
        CREATE TABLE xapi_document_v19 (
            learner_id TEXT NOT NULL REFERENCES learner(id) ON DELETE CASCADE,
            agent TEXT NOT NULL DEFAULT '',
            kind INTEGER NOT NULL,
            activity_id TEXT NOT NULL,
            registration TEXT NOT NULL,
            document_id TEXT NOT NULL,
            content_type TEXT NOT NULL,
            content BLOB NOT NULL,
            etag TEXT NOT NULL,
            updated_ms INTEGER NOT NULL,
            PRIMARY KEY (learner_id, agent, kind, activity_id, registration, document_id)
        ) WITHOUT ROWID;
        INSERT INTO xapi_document_v19 (learner_id, agent, kind, activity_id, registration, document_id, content_type, content, etag, updated_ms)
            SELECT learner_id, '', kind, activity_id, registration, document_id, content_type, content, etag, updated_ms FROM xapi_document;
        DROP TABLE xapi_document;
        ALTER TABLE xapi_document_v19 RENAME TO xapi_document;
        """
}
