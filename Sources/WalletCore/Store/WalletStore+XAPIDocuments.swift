import Foundation
import GRDB
import Basics

/// The xAPI State, Agent Profile and Activity Profile documents (xAPI 2.0 Part 3 §2.3, §2.6, §2.7), per learner and on
/// this PC only. Each write checks its preconditions against the stored document in the same
/// transaction, so two writers with the same ETag cannot both win.
///
/// ```swift
/// try await store.writeXAPIDocument(key, content: body, contentType: "application/json",
///                                   write: .merge, conditions: .none, nowMs: now)
/// let document = try await store.xapiDocument(key)
/// ```
extension WalletStore {
    public func xapiDocument(_ key: XAPIDocumentKey) async throws -> XAPIDocument? {
        try readNow { db in try Self.document(key, db: db) }
    }

    /// The ids of the documents in a context (State: activity, registration; Activity Profile: the
    /// activity; Agent Profile: the learner), changed after `sinceMs` when given, and the newest change among them.
    public func xapiDocumentIDs(kind: XAPIDocumentKey.Kind, learnerID: String, agent: String = "", activityID: String = "",
                                registration: String? = nil, sinceMs: Int64? = nil) async throws -> (ids: [String], lastUpdatedMs: Int64?) {
        try readNow { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT document_id, updated_ms FROM xapi_document
                WHERE learner_id = ? AND agent = ? AND kind = ? AND activity_id = ? AND registration = ? AND updated_ms > ?
                ORDER BY document_id
                """, arguments: [learnerID, agent, kind.rawValue, activityID, registration?.lowercased() ?? "", sinceMs ?? Int64.min])
            return (rows.map { $0["document_id"] }, rows.map { $0["updated_ms"] as Int64 }.max())
        }
    }

    /// PUT (`.replace`) or POST (`.merge`). Throws `XAPIDocumentError` for a refused write.
    public func writeXAPIDocument(_ key: XAPIDocumentKey, content: Data, contentType: String, write: XAPIDocumentRules.Write,
                                  conditions: XAPIDocumentRules.Conditions, nowMs: Int64) async throws {
        try writeNow { db in
            let existing = try Self.document(key, db: db)
            try XAPIDocumentRules.checkPreconditions(existing: existing, conditions: conditions, write: write, kind: key.kind)
            let document = try XAPIDocumentRules.result(existing: existing, posted: content, contentType: contentType, write: write, nowMs: nowMs)
            if existing == nil {
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM xapi_document WHERE learner_id = ?", arguments: [key.learnerID]) ?? 0
                guard count < XAPIDocumentRules.maxDocumentsPerLearner else {
                    throw XAPIDocumentError.tooMany("This learner holds \(count) xAPI documents on this PC, the most walletd keeps; delete some (DELETE /xapi/activities/state) first.")
                }
            }
            try Self.store(document, key: key, db: db)
        }
    }

    /// DELETE of one document (preconditions checked; deleting nothing is no error).
    public func deleteXAPIDocument(_ key: XAPIDocumentKey, conditions: XAPIDocumentRules.Conditions) async throws {
        try writeNow { db in
            let existing = try Self.document(key, db: db)
            try XAPIDocumentRules.checkPreconditions(existing: existing, conditions: conditions, write: nil, kind: key.kind)
            try db.execute(sql: """
                DELETE FROM xapi_document WHERE learner_id = ? AND agent = ? AND kind = ? AND activity_id = ? AND registration = ? AND document_id = ?
                """, arguments: [key.learnerID, key.agent, key.kind.rawValue, key.activityID, key.registration, key.documentID])
        }
    }

    /// DELETE of every State document of an activity (and registration) for the learner and the
    /// named agent, but `LMS.LaunchData`, which is the LMS's (cmi5 10.2.1).
    public func deleteXAPIStateDocuments(learnerID: String, agent: String = "", activityID: String, registration: String?) async throws {
        try writeNow { db in
            try db.execute(sql: """
                DELETE FROM xapi_document WHERE learner_id = ? AND agent = ? AND kind = 0 AND activity_id = ? AND registration = ? AND document_id != ?
                """, arguments: [learnerID, agent, activityID, registration?.lowercased() ?? "", Cmi5.launchDataStateID])
        }
    }

    /// The `definition` of the activity in the learner's newest statement about it (the
    /// Activities resource, §2.5), nil when none of their statements has one.
    public func activityDefinition(activityID: String, learnerID: String) async throws -> JSONValue? {
        try readNow { db in
            let json = try String.fetchOne(db, sql: """
                SELECT s.json FROM statement s JOIN statement_activity a ON a.seq = s.seq AND a.related_only = 0
                WHERE a.activity_id = ? AND s.learner_id = ? AND s.voided = 0 AND s.json LIKE '%"definition"%'
                ORDER BY s.seq DESC LIMIT 1
                """, arguments: [activityID, learnerID])
            return json.flatMap { try? JSONValue(data: Data($0.utf8)) }?["object"]?["definition"]
        }
    }

    static func document(_ key: XAPIDocumentKey, db: Database) throws -> XAPIDocument? {
        try Row.fetchOne(db, sql: """
            SELECT content, content_type, updated_ms FROM xapi_document
            WHERE learner_id = ? AND agent = ? AND kind = ? AND activity_id = ? AND registration = ? AND document_id = ?
            """, arguments: [key.learnerID, key.agent, key.kind.rawValue, key.activityID, key.registration, key.documentID]).map { row in
            XAPIDocument(content: row["content"], contentType: row["content_type"], updatedMs: row["updated_ms"])
        }
    }

    static func store(_ document: XAPIDocument, key: XAPIDocumentKey, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO xapi_document (learner_id, agent, kind, activity_id, registration, document_id, content_type, content, etag, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (learner_id, agent, kind, activity_id, registration, document_id)
            DO UPDATE SET content_type = excluded.content_type, content = excluded.content, etag = excluded.etag, updated_ms = excluded.updated_ms
            """, arguments: [key.learnerID, key.agent, key.kind.rawValue, key.activityID, key.registration, key.documentID,
                             document.contentType, document.content, document.etag, document.updatedMs])
    }
}
