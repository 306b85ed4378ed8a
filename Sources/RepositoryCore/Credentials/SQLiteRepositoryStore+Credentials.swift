import SecurityPrimitives
import SQLiteStorage
import Credentials
import Foundation
import GRDB
import Catalog

extension SQLiteRepositoryStore {
    public func addAssessor(id: String, name: String, awardingBody: String, did: String, nowMs: Int64) throws {
        let (id, name) = try Self.checkedAssessor(id: id, name: name, did: did)
        try pool.write { db in
            try Self.refuseUnknownBody(awardingBody, bodies: try Self.catalogBodies(db))
            if let other = try String.fetchOne(db, sql: "SELECT id FROM assessor WHERE id = ? OR did = ?", arguments: [id, did]) {
                throw Self.assessorTaken(id: id, by: other)
            }
            try db.execute(sql: "INSERT INTO assessor (id, name, awarding_body, did, added_ms) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, name, awardingBody, did, nowMs])
            try db.execute(sql: "UPDATE credential_meta SET trust_version = trust_version + 1")
        }
    }

    public func assessors() throws -> [AssessorRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM assessor ORDER BY awarding_body, id").map {
                AssessorRecord(id: $0["id"], name: $0["name"], awardingBody: $0["awarding_body"], did: $0["did"], addedMs: $0["added_ms"])
            }
        }
    }

    public func removeAssessor(id: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM assessor WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "UPDATE credential_meta SET trust_version = trust_version + 1")
            return true
        }
    }

    public func issuedCredentials(learner: String?) throws -> [IssuedCredentialRecord] {
        try pool.read { db in
            let rows = if let learner {
                try Row.fetchAll(db, sql: "SELECT * FROM issued_credential WHERE learner_id = ? ORDER BY issued_ms DESC, id", arguments: [learner])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM issued_credential ORDER BY issued_ms DESC, id")
            }
            return rows.map(Self.issuedRecord)
        }
    }

    public func issuedCredential(id: String) throws -> IssuedCredentialRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM issued_credential WHERE id = ?", arguments: [id]).map(Self.issuedRecord)
        }
    }

    public func setCredentialStatus(id: String, to status: CredentialStatusValue, nowMs: Int64) throws -> IssuedCredentialRecord {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM issued_credential WHERE id = ?", arguments: [id]) else {
                throw Self.noSuchCredential(id)
            }
            var record = Self.issuedRecord(row)
            try Self.refuseStatusChange(of: record, to: status)
            guard record.status != status else { return record }
            try db.execute(sql: "UPDATE issued_credential SET status = ? WHERE id = ?", arguments: [Int(status.rawValue), id])
            try AuditLogTable.append([AuditEvent(.credentialStatus, learner: record.learnerID, detail: [
                "credential": id, "from": String(describing: record.status), "to": String(describing: status),
            ])], atMs: nowMs, db: db)
            try db.execute(sql: "INSERT INTO status_list (awarding_body) VALUES (?) ON CONFLICT (awarding_body) DO NOTHING", arguments: [record.awardingBody])
            try db.execute(sql: "UPDATE status_list SET version = version + 1 WHERE awarding_body = ?", arguments: [record.awardingBody])
            record.status = status
            return record
        }
    }

    public func awardingBodies() throws -> [AwardingBodyRecord] {
        try pool.read { db in try Self.catalogBodies(db) }
    }

    public func statusList(slug: String) throws -> StatusListState? {
        try pool.read { db in
            let known = try Self.catalogBodies(db).contains { $0.slug == slug }
                || (try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM issued_credential WHERE awarding_body = ?)", arguments: [slug]) ?? false)
            guard known else { return nil }
            let version = try Int.fetchOne(db, sql: "SELECT version FROM status_list WHERE awarding_body = ?", arguments: [slug]) ?? 0
            var entries: [Int: CredentialStatusValue] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status_index, status FROM issued_credential WHERE awarding_body = ? AND status != 0",
                                        arguments: [slug]) {
                let bits: Int = row["status"]
                entries[row["status_index"]] = CredentialStatusValue(bits: UInt8(truncatingIfNeeded: bits))
            }
            return StatusListState(slug: slug, version: version, entries: entries)
        }
    }

    public func trustListVersion() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT trust_version FROM credential_meta") ?? 0 }
    }

    static func issuedRecord(_ row: Row) -> IssuedCredentialRecord {
        let bits: Int = row["status"]
        return IssuedCredentialRecord(id: row["id"], learnerID: row["learner_id"], courseID: row["course_id"], awardingBody: row["awarding_body"],
                                      statusIndex: row["status_index"], status: CredentialStatusValue(bits: UInt8(truncatingIfNeeded: bits)),
                                      issuedMs: row["issued_ms"], json: row["json"])
    }

    /// The catalog's awarding bodies, the first occurrence of each name, in catalog order. Read
    /// with the model's decoder but without its validation: the stored catalog was validated at
    /// import, and an admin command must not fail on a rule added since.
    static func catalogBodies(_ db: Database) throws -> [AwardingBodyRecord] {
        try catalogBodies(json: try String.fetchOne(db, sql: "SELECT json FROM catalog"))
    }

    /// `catalogBodies` of a stored catalog's text (nil: none imported), for either store.
    static func catalogBodies(json: String?) throws -> [AwardingBodyRecord] {
        guard let json else { return [] }
        let catalog: CourseCatalog
        do {
            catalog = try JSONDecoder().decode(CourseCatalog.self, from: Data(json.utf8))
        } catch {
            throw RepositoryStoreError.corrupt("the stored catalog cannot be read: \(error)")
        }
        var seen = Set<String>()
        var bodies: [AwardingBodyRecord] = []
        for course in catalog.courses where seen.insert(course.awardingBody.name).inserted {
            bodies.append(AwardingBodyRecord(slug: IssuerKeyring.slug(for: course.awardingBody.name), body: course.awardingBody))
        }
        return bodies
    }

    // The rules and refusals of the admin's credential commands, shared by both stores.

    /// The id and name as kept (trimmed), once they and the DID are acceptable.
    static func checkedAssessor(id: String, name: String, did: String) throws -> (id: String, name: String) {
        let id = id.trimmingCharacters(in: .whitespaces), name = name.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, id.utf8.count <= 64 else { throw CredentialAdminError("--id must be 1 to 64 characters") }
        guard !name.isEmpty, name.utf8.count <= 200 else { throw CredentialAdminError("--name must be 1 to 200 characters") }
        do {
            _ = try DIDKey(did: did)
        } catch {
            throw CredentialAdminError("--did: \(error). Give the assessor's DID (did:key:z6Mk…) as their PC shows it.")
        }
        return (id, name)
    }

    static func refuseUnknownBody(_ awardingBody: String, bodies: [AwardingBodyRecord]) throws {
        guard !bodies.contains(where: { $0.body.name == awardingBody }) else { return }
        let known = bodies.map { "'\($0.body.name)'" }.joined(separator: ", ")
        throw CredentialAdminError(bodies.isEmpty
            ? "no course catalog has been imported yet, so no awarding body is known; import one first (repositoryd catalog import FILE)"
            : "'\(awardingBody)' is not an awarding body of the catalog; use one of \(known) (exactly as written there)")
    }

    /// `other`: the id of the assessor already registered with this id or DID.
    static func assessorTaken(id: String, by other: String) -> CredentialAdminError {
        CredentialAdminError(other == id
            ? "an assessor with id \(id) is registered already; remove them first (repositoryd assessor remove \(id)) or choose another id"
            : "this DID is registered already, for assessor \(other); one key belongs to one assessor")
    }

    static func noSuchCredential(_ id: String) -> CredentialAdminError {
        CredentialAdminError("no credential with id \(id) was issued here; repositoryd credential list shows the ids")
    }

    /// Revocation is final.
    static func refuseStatusChange(of record: IssuedCredentialRecord, to status: CredentialStatusValue) throws {
        if record.status == .revoked, status != .revoked {
            throw CredentialAdminError("credential \(record.id) is revoked, and revocation is final; issue a new credential if the learner earns it again")
        }
    }
}
