import Foundation
import GRDB

/// The "v16-attachments" migration (issue 13 item 4): the raw data of xAPI attachments received
/// in `multipart/mixed` statement requests, kept once per `sha2` however many statements name
/// it, and which stored statement names which data.
///
/// - `attachment`: the bytes, with the Content-Type they came (or were declared) with.
/// - `statement_attachment`: (statement seq, sha2) for every statement stored with the data in
///   its request. A GET with `attachments=true` serves only data linked to the learner's own
///   statements, and `forget` removes data no remaining link names. Statements pulled from the
///   repository carry no data (it does not sync) and get no link.
///
/// ```swift
/// migrator.registerMigration("v16-attachments") { db in try db.execute(sql: AttachmentTables.sql) }
/// ```
enum AttachmentTables {
    static let sql = """
        CREATE TABLE attachment (
            sha2 TEXT PRIMARY KEY NOT NULL,
            content_type TEXT,
            data BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE statement_attachment (
            seq INTEGER NOT NULL REFERENCES statement(seq),
            sha2 TEXT NOT NULL REFERENCES attachment(sha2),
            PRIMARY KEY (seq, sha2)
        ) WITHOUT ROWID;
        CREATE INDEX statement_attachment_sha2 ON statement_attachment(sha2);
        """

    /// Stores `parts` (data already present stays) and links the statement at `seq` to those of
    /// them it names. Runs inside the statement insert's transaction.
    static func link(seq: Int64, statement hashes: Set<String>, parts: [String: XAPIAttachmentPart], db: Database) throws {
        let insertData = try db.cachedStatement(sql: "INSERT OR IGNORE INTO attachment (sha2, content_type, data) VALUES (?, ?, ?)")
        let insertLink = try db.cachedStatement(sql: "INSERT OR IGNORE INTO statement_attachment (seq, sha2) VALUES (?, ?)")
        for sha2 in hashes.sorted() {
            guard let part = parts[sha2] else { continue }
            try insertData.execute(arguments: [sha2, part.contentType, Data(part.data)])
            try insertLink.execute(arguments: [seq, sha2])
        }
    }

    /// After a learner's statements went: their links, then data no link names any more.
    /// Call before the statements themselves are deleted (the links are found by their seq).
    static func forget(learnerID: String, db: Database) throws {
        try db.execute(sql: "DELETE FROM statement_attachment WHERE seq IN (SELECT seq FROM statement WHERE learner_id = ?)",
                       arguments: [learnerID])
        try db.execute(sql: "DELETE FROM attachment WHERE NOT EXISTS (SELECT 1 FROM statement_attachment l WHERE l.sha2 = attachment.sha2)")
    }
}
