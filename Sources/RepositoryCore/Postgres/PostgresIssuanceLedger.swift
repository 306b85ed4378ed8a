import Basics
import Catalog
import Credentials
import Foundation
import PostgresNIO
import SecurityPrimitives
import SyncEngine

/// Issuance's view of one learner in the PostgreSQL store. `CredentialIssuer` runs synchronously
/// and a query here is asynchronous, so the ledger is a snapshot: `load` reads inside the push's
/// transaction everything the issuer may read (under the learner's lock, so nothing of this
/// learner changes meanwhile), with the status-list rows of the candidate courses' bodies locked
/// (`FOR UPDATE`: another instance issuing for the same body waits, so a slot is taken once);
/// the issuer runs on it in memory; `write` then stores what it recorded, in the same transaction.
///
/// ```swift
/// guard let ledger = try await PostgresIssuanceLedger.load(learnerID: "ana", touched: achieved, everyCourse: false,
///                                                          authority: authority, tx: tx) else { return [] }
/// let events = try issuer.run(ledger, learnerID: "ana", touched: achieved, everyCourse: false, nowMs: now)
/// try await ledger.write(store: store, in: push)
/// ```
final class PostgresIssuanceLedger: IssuanceLedger {
    let learnerID: String
    private let name: String
    private let holderDID: String
    private let stored: (version: String, json: String)
    private let issued: Set<String>
    private let parsedStatements: [JSONValue]
    private let former: Set<String>
    /// DID → (awarding body, registered name).
    private let registered: [(did: String, awardingBody: String, name: String)]
    private let records: [String: RegisterState]
    /// The next free slot of each locked list, advanced as the issuer takes slots.
    private var nextSlot: [String: Int]
    /// Lists this transaction created to lock them: removed again when no slot was taken.
    private let createdLists: Set<String>
    private var taken: [String: Int] = [:]
    private(set) var recorded: [IssuedCredentialRecord] = []
    private var hubRecords: [(key: String, state: RegisterState)] = []

    private init(learnerID: String, name: String, holderDID: String, stored: (version: String, json: String), issued: Set<String>,
                 statements: [JSONValue], former: Set<String>, registered: [(did: String, awardingBody: String, name: String)],
                 records: [String: RegisterState], nextSlot: [String: Int], createdLists: Set<String>) {
        self.learnerID = learnerID
        self.name = name
        self.holderDID = holderDID
        self.stored = stored
        self.issued = issued
        self.parsedStatements = statements
        self.former = former
        self.registered = registered
        self.records = records
        self.nextSlot = nextSlot
        self.createdLists = createdLists
    }

    /// The snapshot for one learner; nil when the issuer would issue nothing whatever the
    /// evidence (no such learner, no holder DID, no catalog, or no course left to consider).
    static func load(learnerID: String, touched: Set<String>, everyCourse: Bool, authority: CredentialAuthority,
                     tx: PostgresTransaction) async throws -> PostgresIssuanceLedger? {
        guard let learner = try await tx.optional("SELECT name, holder_did FROM learner WHERE id = \(learnerID)", as: (String, String?).self),
              let holderDID = learner.1,
              let stored = try await tx.optional("SELECT version, json FROM catalog", as: (String, String).self)
        else { return nil }
        // Issued to the learner's current holder DID: after a PIN reset the new DID gets its own.
        let issued = Set(try await tx.all("""
            SELECT course_id FROM issued_credential WHERE learner_id = \(learnerID) AND holder_did IS NOT DISTINCT FROM \(holderDID)
            """, as: String.self))
        let catalog = try authority.catalog(version: stored.0, json: stored.1)
        let candidates = CredentialIssuer.candidates(in: catalog, issued: issued, touched: touched, everyCourse: everyCourse)
        guard !candidates.isEmpty else { return nil }
        let slugs = Set(candidates.map { IssuerKeyring.slug(for: $0.awardingBody.name) }).sorted()
        // Sorted, so two transactions locking overlapping lists lock them in the same order.
        let created = Set(try await tx.all("""
            INSERT INTO status_list (awarding_body) SELECT s FROM unnest(\(slugs)::text[]) AS s ORDER BY s
            ON CONFLICT (awarding_body) DO NOTHING RETURNING awarding_body
            """, as: String.self))
        var nextSlot: [String: Int] = [:]
        for (slug, slot) in try await tx.all("""
            SELECT awarding_body, next_slot FROM status_list WHERE awarding_body = ANY(\(slugs)) ORDER BY awarding_body FOR UPDATE
            """, as: (String, Int32).self) {
            nextSlot[slug] = Int(slot)
        }
        // O(statements of this learner), read and parsed at once, as the SQLite ledger does;
        // reached only by a push that may complete a course. Text that does not parse is skipped.
        let statements = try await tx.all("SELECT json FROM hub_statement WHERE learner_id = \(learnerID) ORDER BY hub_seq", as: String.self)
            .compactMap { try? JSONValue(data: Data($0.utf8)) }
        let former = Set(try await tx.all("SELECT did FROM learner_former_did WHERE learner_id = \(learnerID)", as: String.self))
        let registered = try await tx.all("SELECT did, awarding_body, name FROM assessor", as: (String, String, String).self)
            .map { (did: $0.0, awardingBody: $0.1, name: $0.2) }
        var records: [String: RegisterState] = [:]
        for (key, json) in try await tx.all("""
            SELECT key, state_json FROM hub_record WHERE learner_id = \(learnerID) AND key = ANY(\(Self.recordKeys))
            """, as: (String, String).self) {
            records[key] = try? RegisterState(storedJSON: json)
        }
        return PostgresIssuanceLedger(learnerID: learnerID, name: learner.0, holderDID: holderDID, stored: (stored.0, stored.1), issued: issued,
                                      statements: statements, former: former, registered: registered, records: records,
                                      nextSlot: nextSlot, createdLists: created)
    }

    /// The learner's records the issuer reads (`CredentialIssuer.nameKey`); asked for another,
    /// the snapshot refuses rather than answer "none".
    static let recordKeys = [CredentialIssuer.nameKey]

    // MARK: IssuanceLedger (answered from the snapshot)

    func learner(id: String) throws -> (name: String, holderDID: String?)? {
        try only(id)
        return (name, holderDID)
    }

    func record(learnerID: String, key: String) throws -> RegisterState? {
        try only(learnerID)
        guard Self.recordKeys.contains(key) else { throw PostgresIssuanceLedgerError("record \(key) was not loaded for issuance") }
        return records[key]
    }

    func catalog() throws -> (version: String, json: String)? { stored }

    func issuedCourses(learnerID: String) throws -> Set<String> {
        try only(learnerID)
        return issued
    }

    func statements(learnerID: String) throws -> [JSONValue] {
        try only(learnerID)
        return parsedStatements
    }

    func formerHolderDIDs(learnerID: String) throws -> Set<String> {
        try only(learnerID)
        return former
    }

    func assessors() throws -> [RegisteredAssessor] {
        registered.map { RegisteredAssessor(did: $0.did, awardingBody: $0.awardingBody) }
    }

    func assessorName(did: String) throws -> String? {
        registered.first { $0.did == did }?.name
    }

    func takeStatusListSlot(awardingBody slug: String, capacity: Int) throws -> Int? {
        guard let slot = nextSlot[slug] else { throw PostgresIssuanceLedgerError("the status list of \(slug) was not locked for issuance") }
        guard slot < capacity else { return nil }
        nextSlot[slug] = slot + 1
        taken[slug, default: 0] += 1
        return slot
    }

    func recordIssued(_ credential: IssuedCredentialRecord) throws {
        try only(credential.learnerID)
        recorded.append(credential)
    }

    func appendHubRecord(_ state: RegisterState, key: String, learnerID: String) throws {
        try only(learnerID)
        hubRecords.append((key, state))
    }

    private func only(_ id: String) throws {
        guard id == learnerID else { throw PostgresIssuanceLedgerError("the issuance snapshot holds learner \(learnerID), not \(id)") }
    }

    // MARK: Writing what the issuer recorded

    /// Stores the slots taken (each moves its list's version, as in the SQLite store), the issued
    /// credentials with their audit entries, and the credential records through the push's
    /// record path with the hub replica's number; removes lists created only to be locked.
    /// `auditFirst`: entries of the caller's that precede the issued credentials' in the chain.
    func write(store: PostgresRepositoryStore, in push: PostgresPushTransaction, auditFirst: [AuditEvent] = []) async throws {
        let tx = push.tx
        for (slug, count) in taken.sorted(by: { $0.key < $1.key }) {
            try await tx.execute("""
                UPDATE status_list SET next_slot = next_slot + \(count), version = version + \(count) WHERE awarding_body = \(slug)
                """)
        }
        let unused = createdLists.filter { taken[$0] == nil }.sorted()
        if !unused.isEmpty {
            try await tx.execute("DELETE FROM status_list WHERE awarding_body = ANY(\(unused))")
        }
        for credential in recorded {
            try await tx.execute("""
                INSERT INTO issued_credential (id, learner_id, course_id, awarding_body, status_index, status, issued_ms, json, holder_did)
                VALUES (\(credential.id), \(credential.learnerID), \(credential.courseID), \(credential.awardingBody),
                        \(Int32(credential.statusIndex)), \(Int16(credential.status.rawValue)), \(credential.issuedMs), \(credential.json), \(holderDID))
                """)
        }
        try await PostgresAuditLog.append(auditFirst + recorded.map { credential in
            AuditEvent(.credentialIssue, learner: credential.learnerID, detail: [
                "credential": credential.id, "course": credential.courseID, "awarding_body": credential.awardingBody,
            ])
        }, atMs: push.nowMs, tx: tx)
        guard !hubRecords.isEmpty else { return }
        try await store.appendRecords(hubRecords, learnerID: learnerID, origin: try await push.replicaNumber(push.hubReplica), in: push)
    }
}

/// The issuance snapshot was asked for something it did not load: a programming error between
/// `CredentialIssuer` and `PostgresIssuanceLedger`, reported as a failed issuance.
///
/// ```swift
/// throw PostgresIssuanceLedgerError("record profile/email was not loaded for issuance")
/// ```
struct PostgresIssuanceLedgerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
