import SecurityPrimitives
import SQLiteStorage
import Credentials
import Foundation
import GRDB
import SyncEngine
import Basics

/// Issuance's reads and writes in the SQLite store, inside the push's transaction.
extension SQLitePushTransaction: IssuanceLedger {
    func learner(id: String) throws -> (name: String, holderDID: String?)? {
        try Row.fetchOne(db, sql: "SELECT name, holder_did FROM learner WHERE id = ?", arguments: [id]).map { ($0["name"], $0["holder_did"]) }
    }

    func record(learnerID: String, key: String) throws -> RegisterState? {
        try String.fetchOne(db, sql: "SELECT state_json FROM hub_record WHERE learner_id = ? AND key = ?", arguments: [learnerID, key])
            .flatMap { try? RegisterState(storedJSON: $0) }
    }

    func catalog() throws -> (version: String, json: String)? {
        try Row.fetchOne(db, sql: "SELECT version, json FROM catalog").map { ($0["version"], $0["json"]) }
    }

    func issuedCourses(learnerID: String) throws -> Set<String> {
        // Issued to the learner's current holder DID: after a PIN reset the new DID gets its own.
        Set(try String.fetchAll(db, sql: """
            SELECT course_id FROM issued_credential WHERE learner_id = ? AND holder_did IS (SELECT holder_did FROM learner WHERE id = ?)
            """, arguments: [learnerID, learnerID]))
    }

    func formerHolderDIDs(learnerID: String) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT did FROM learner_former_did WHERE learner_id = ?", arguments: [learnerID]))
    }

    /// O(statements of this learner), read and parsed at once: bounded by the learner's history,
    /// and reached only by a push that may complete a course. Text that does not parse is skipped.
    func statements(learnerID: String) throws -> [JSONValue] {
        try String.fetchAll(db, sql: "SELECT json FROM hub_statement WHERE learner_id = ? ORDER BY hub_seq", arguments: [learnerID])
            .compactMap { try? JSONValue(data: Data($0.utf8)) }
    }

    func assessors() throws -> [RegisteredAssessor] {
        try Row.fetchAll(db, sql: "SELECT did, awarding_body FROM assessor")
            .map { RegisteredAssessor(did: $0["did"], awardingBody: $0["awarding_body"]) }
    }

    func assessorName(did: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM assessor WHERE did = ?", arguments: [did])
    }

    func takeStatusListSlot(awardingBody slug: String, capacity: Int) throws -> Int? {
        try db.execute(sql: "INSERT INTO status_list (awarding_body) VALUES (?) ON CONFLICT (awarding_body) DO NOTHING", arguments: [slug])
        let slot = try Int.fetchOne(db, sql: "SELECT next_slot FROM status_list WHERE awarding_body = ?", arguments: [slug]) ?? 0
        guard slot < capacity else { return nil }
        // The list's version moves too: its signed copy must be made again.
        try db.execute(sql: "UPDATE status_list SET next_slot = next_slot + 1, version = version + 1 WHERE awarding_body = ?", arguments: [slug])
        return slot
    }

    func recordIssued(_ credential: IssuedCredentialRecord) throws {
        try db.execute(sql: """
            INSERT INTO issued_credential (id, learner_id, course_id, awarding_body, status_index, status, issued_ms, json, holder_did)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT holder_did FROM learner WHERE id = ?))
            """, arguments: [credential.id, credential.learnerID, credential.courseID, credential.awardingBody, credential.statusIndex,
                             Int(credential.status.rawValue), credential.issuedMs, credential.json, credential.learnerID])
        // In the issuance's savepoint: undone with the credential when issuance fails.
        try AuditLogTable.append([AuditEvent(.credentialIssue, learner: credential.learnerID, detail: [
            "credential": credential.id, "course": credential.courseID, "awarding_body": credential.awardingBody,
        ])], atMs: credential.issuedMs, db: db)
    }

    func appendHubRecord(_ state: RegisterState, key: String, learnerID: String) throws {
        try appendRecord(state, key: key, learnerID: learnerID, origin: try replicaNumber(hubReplica))
    }
}
