import Credentials
import PostgresNIO
import SecurityPrimitives

/// The credential admin's store in PostgreSQL, by the SQLite store's rules and messages
/// (`SQLiteRepositoryStore+Credentials`). The trust list's version is `hub_meta.trust_version`.
///
/// ```swift
/// try await store.addAssessor(id: "a-17", name: "Eva Berger", awardingBody: "Gastro-Akademie Rheinland", did: did, nowMs: now)
/// let list = try await store.statusList(slug: "gastro-akademie-rheinland")
/// ```
extension PostgresRepositoryStore {
    public func addAssessor(id: String, name: String, awardingBody: String, did: String, nowMs: Int64) async throws {
        let (id, name) = try SQLiteRepositoryStore.checkedAssessor(id: id, name: name, did: did)
        try await database.transaction { tx in
            // Two instances adding the same id or DID at once: the second sees the first and
            // answers as the SQLite store does, rather than with a constraint's words.
            try await tx.lock("assessors")
            try SQLiteRepositoryStore.refuseUnknownBody(awardingBody, bodies: try await Self.catalogBodies(tx))
            if let other = try await tx.optional("SELECT id FROM assessor WHERE id = \(id) OR did = \(did) LIMIT 1", as: String.self) {
                throw SQLiteRepositoryStore.assessorTaken(id: id, by: other)
            }
            try await tx.execute("""
                INSERT INTO assessor (id, name, awarding_body, did, added_ms) VALUES (\(id), \(name), \(awardingBody), \(did), \(nowMs))
                """)
            try await tx.execute("UPDATE hub_meta SET trust_version = trust_version + 1")
        }
    }

    public func assessors() async throws -> [AssessorRecord] {
        try await database.read { tx in
            try await tx.all("SELECT id, name, awarding_body, did, added_ms FROM assessor ORDER BY awarding_body COLLATE \"C\", id COLLATE \"C\"",
                             as: (String, String, String, String, Int64).self)
                .map { AssessorRecord(id: $0.0, name: $0.1, awardingBody: $0.2, did: $0.3, addedMs: $0.4) }
        }
    }

    public func removeAssessor(id: String) async throws -> Bool {
        try await database.transaction { tx in
            guard try await tx.changes("DELETE FROM assessor WHERE id = \(id)") > 0 else { return false }
            try await tx.execute("UPDATE hub_meta SET trust_version = trust_version + 1")
            return true
        }
    }

    public func issuedCredentials(learner: String?) async throws -> [IssuedCredentialRecord] {
        try await database.read { tx in
            // `ORDER BY … id` as text in byte order, as SQLite compares it.
            if let learner {
                return try await Self.issued(tx, "\(Self.issuedColumns) WHERE learner_id = $1 ORDER BY issued_ms DESC, id COLLATE \"C\"", learner)
            }
            return try await Self.issued(tx, "\(Self.issuedColumns) ORDER BY issued_ms DESC, id COLLATE \"C\"", nil)
        }
    }

    public func issuedCredential(id: String) async throws -> IssuedCredentialRecord? {
        try await database.read { tx in try await Self.issued(tx, "\(Self.issuedColumns) WHERE id = $1", id).first }
    }

    public func setCredentialStatus(id: String, to status: CredentialStatusValue, nowMs: Int64) async throws -> IssuedCredentialRecord {
        try await database.transaction { tx in
            // The row locked: two instances changing one credential at once apply one after the
            // other, and a revocation is seen by the second.
            guard var record = try await Self.issued(tx, "\(Self.issuedColumns) WHERE id = $1 FOR UPDATE", id).first else {
                throw SQLiteRepositoryStore.noSuchCredential(id)
            }
            try SQLiteRepositoryStore.refuseStatusChange(of: record, to: status)
            guard record.status != status else { return record }
            try await tx.execute("UPDATE issued_credential SET status = \(Int16(status.rawValue)) WHERE id = \(id)")
            // The list's row before the audit chain's tail: the order issuance takes them in.
            try await Self.bumpStatusLists([record.awardingBody], tx: tx)
            try await PostgresAuditLog.append([AuditEvent(.credentialStatus, learner: record.learnerID, detail: [
                "credential": id, "from": String(describing: record.status), "to": String(describing: status),
            ])], atMs: nowMs, tx: tx)
            record.status = status
            return record
        }
    }

    public func awardingBodies() async throws -> [AwardingBodyRecord] {
        try await database.read { tx in try await Self.catalogBodies(tx) }
    }

    public func statusList(slug: String) async throws -> StatusListState? {
        try await database.read { tx in
            if try await !Self.catalogBodies(tx).contains(where: { $0.slug == slug }) {
                guard try await tx.exists("SELECT EXISTS (SELECT 1 FROM issued_credential WHERE awarding_body = \(slug))") else { return nil }
            }
            let version = try await tx.optional("SELECT version FROM status_list WHERE awarding_body = \(slug)", as: Int64.self) ?? 0
            var entries: [Int: CredentialStatusValue] = [:]
            for (index, bits) in try await tx.all("""
                SELECT status_index, status FROM issued_credential WHERE awarding_body = \(slug) AND status <> 0
                """, as: (Int32, Int16).self) {
                entries[Int(index)] = CredentialStatusValue(bits: UInt8(truncatingIfNeeded: bits))
            }
            return StatusListState(slug: slug, version: Int(version), entries: entries)
        }
    }

    public func trustListVersion() async throws -> Int {
        try await database.read { tx in Int(try await tx.optional("SELECT trust_version FROM hub_meta", as: Int64.self) ?? 0) }
    }

    /// Each list's version moves (its signed copy must be made again); a missing row is made, at
    /// the version the SQLite store's insert-then-increment leaves (1 + 1).
    static func bumpStatusLists(_ slugs: Set<String>, tx: PostgresTransaction) async throws {
        guard !slugs.isEmpty else { return }
        try await tx.execute("""
            INSERT INTO status_list (awarding_body, version) SELECT s, 2 FROM unnest(\(slugs.sorted())::text[]) AS s ORDER BY s
            ON CONFLICT (awarding_body) DO UPDATE SET version = status_list.version + 1
            """)
    }

    static let issuedColumns = "SELECT id, learner_id, course_id, awarding_body, status_index, status, issued_ms, json FROM issued_credential"

    /// Issued credentials by a query of `issuedColumns` and at most one text parameter ($1).
    static func issued(_ tx: PostgresTransaction, _ sql: String, _ parameter: String?) async throws -> [IssuedCredentialRecord] {
        var binds = PostgresBindings()
        if let parameter { binds.append(parameter) }
        return try await tx.all(PostgresQuery(unsafeSQL: sql, binds: binds), as: (String, String, String, String, Int32, Int16, Int64, String).self)
            .map {
                IssuedCredentialRecord(id: $0.0, learnerID: $0.1, courseID: $0.2, awardingBody: $0.3, statusIndex: Int($0.4),
                                       status: CredentialStatusValue(bits: UInt8(truncatingIfNeeded: $0.5)), issuedMs: $0.6, json: $0.7)
            }
    }

    static func catalogBodies(_ tx: PostgresTransaction) async throws -> [AwardingBodyRecord] {
        try SQLiteRepositoryStore.catalogBodies(json: try await tx.optional("SELECT json FROM catalog", as: String.self))
    }
}
