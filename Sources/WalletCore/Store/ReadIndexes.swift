/// The "v15-read-indexes" migration (issue 14 item 3): what lets every read route cost what its
/// answer holds, not what the database holds.
///
/// - `statement_local_seq`: statements made on this PC (`origin = 0`) by learner and seq. The
///   pending count of `GET /v1/sync` counts a range of it (seq > pushed_seq) without visiting
///   the statements pulled from the repository since, which sit in the same seq range of
///   `statement_learner_seq` and, until this index, were read row by row to see their origin.
/// - `credential_learner_page` (replacing its prefix `credential_learner`) and `learner_created`:
///   the page orders of `GET /v1/learners/{id}/credentials` and `GET /v1/learners`, so a page
///   seeks its first row instead of sorting the whole list.
/// - `statement_total`: the number of statements, kept by two triggers, for `GET /v1/health`
///   (a `COUNT(*)` reads every row of an index: a second at a million statements).
///
/// ```swift
/// migrator.registerMigration("v15-read-indexes") { db in try db.execute(sql: ReadIndexes.sql) }
/// ```
enum ReadIndexes {
    static let sql = """
        CREATE INDEX statement_local_seq ON statement(learner_id, seq) WHERE origin = 0;
        CREATE INDEX credential_learner_page ON credential(learner_id, received_ms, id);
        DROP INDEX credential_learner;
        CREATE INDEX learner_created ON learner(created_ms, id);
        CREATE TABLE statement_total (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            n INTEGER NOT NULL
        );
        INSERT INTO statement_total (singleton, n) SELECT 1, COUNT(*) FROM statement;
        CREATE TRIGGER statement_total_insert AFTER INSERT ON statement
            BEGIN UPDATE statement_total SET n = n + 1 WHERE singleton = 1; END;
        CREATE TRIGGER statement_total_delete AFTER DELETE ON statement
            BEGIN UPDATE statement_total SET n = n - 1 WHERE singleton = 1; END;
        """
}
