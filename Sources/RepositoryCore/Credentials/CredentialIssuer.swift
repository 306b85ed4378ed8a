import Credentials
import Foundation
import GRDB
import SyncEngine
import Catalog
import Basics

/// Issuance inside a push's write transaction: for each course the push may have completed, run
/// `CourseEvidence` on the learner's statements and, when every outcome is satisfied and the
/// learner has a holder DID, sign the micro-credential, keep it in `issued_credential` and write
/// it as the record `credential/<id>` of the learner's partition with the next hub sequence
/// number — so the device's pull in the same sync run already receives it. The unique
/// (learner, course) key and the push's single writer make it once only, also under replayed or
/// concurrent pushes.
///
/// ```swift
/// let issuer = CredentialIssuer(authority: authority, replica: replica, replicaNumber: me)
/// let events = try issuer.run(db, learnerID: "ana", touched: activities, everyCourse: false, seq: &seq, nowMs: now)
/// ```
struct CredentialIssuer {
    let authority: CredentialAuthority
    let replica: ReplicaID
    /// The hub's own replica as a number of the replica table (for the record history).
    let replicaNumber: Int64

    /// Courses whose outcome activities are in `touched` (all courses when `everyCourse`), that
    /// the learner holds no credential for, are evaluated.
    func run(_ db: Database, learnerID: String, touched: Set<String>, everyCourse: Bool, seq: inout Int64, nowMs: Int64) throws -> [CredentialEvent] {
        guard let learner = try Row.fetchOne(db, sql: "SELECT name, holder_did FROM learner WHERE id = ?", arguments: [learnerID]),
              let holderDID: String = learner["holder_did"],
              let stored = try Row.fetchOne(db, sql: "SELECT version, json FROM catalog")
        else { return [] }
        let catalog = try authority.catalog(version: stored["version"], json: stored["json"])
        let issued = Set(try String.fetchAll(db, sql: "SELECT course_id FROM issued_credential WHERE learner_id = ?", arguments: [learnerID]))
        let candidates = catalog.courses.filter { course in
            !issued.contains(course.id) && (everyCourse || course.learningOutcomes.contains { touched.contains($0.id) })
        }
        guard !candidates.isEmpty else { return [] }
        // O(statements of this learner): read and parse once for all candidate courses. Bounded
        // by the learner's history, and reached only by a push that may complete a course.
        let statements = try String.fetchAll(db, sql: "SELECT json FROM hub_statement WHERE learner_id = ? ORDER BY hub_seq", arguments: [learnerID])
            .compactMap { try? JSONValue(data: Data($0.utf8)) }
        let assessors = try Row.fetchAll(db, sql: "SELECT did, awarding_body FROM assessor")
            .map { RegisteredAssessor(did: $0["did"], awardingBody: $0["awarding_body"]) }
        let name = try Self.currentName(db, learnerID: learnerID) ?? learner["name"]
        var events: [CredentialEvent] = []
        for course in candidates {
            let satisfied = CourseEvidence.satisfiedOutcomes(course: course, statements: statements, learnerID: learnerID,
                                                             learnerDID: holderDID, assessors: assessors)
            guard course.learningOutcomes.allSatisfy({ satisfied[$0.id] != nil }) else { continue }
            events.append(try issue(db, course: course, learnerID: learnerID, learnerDID: holderDID, learnerName: name, seq: &seq, nowMs: nowMs))
        }
        return events
    }

    private func issue(_ db: Database, course: Course, learnerID: String, learnerDID: String, learnerName: String?,
                       seq: inout Int64, nowMs: Int64) throws -> CredentialEvent {
        let slug = IssuerKeyring.slug(for: course.awardingBody.name)
        let index = try Self.allocateIndex(db, slug: slug)
        let key = try authority.keyring.issuerKey(slug: slug)
        let id = "urn:uuid:" + UUID().uuidString.lowercased()
        let now = Date(timeIntervalSince1970: Double(nowMs) / 1000)
        let issuer = IssuerProfile(did: key.didKey, name: course.awardingBody.name, country: course.awardingBody.country, url: course.awardingBody.url)
        let unsigned = MicroCredential.unsigned(id: id, course: course, learnerDID: learnerDID, learnerID: learnerID, learnerName: learnerName,
                                                issuer: issuer, issued: now, status: StatusEntry(listURL: authority.statusListURL(slug: slug), index: index))
        let signed = try DataIntegrity.sign(unsigned, key: key, purpose: .assertionMethod, created: now)
        let json = String(decoding: signed.canonicalData(), as: UTF8.self)
        guard json.utf8.count <= RecordKey.maxCredentialValueBytes else {
            throw CredentialAdminError("the credential for course \(course.id) is \(json.utf8.count) bytes, more than a credential record may hold (\(RecordKey.maxCredentialValueBytes)); shorten the course's texts in the catalog")
        }
        try db.execute(sql: """
            INSERT INTO issued_credential (id, learner_id, course_id, awarding_body, status_index, status, issued_ms, json)
            VALUES (?, ?, ?, ?, ?, 0, ?, ?)
            """, arguments: [id, learnerID, course.id, slug, index, nowMs, json])
        let recordKey = RecordKey.credentialPrefix + id
        let state = RegisterState().writing(signed, by: replica, seen: VersionVector())
        let stateJSON = state.json.encodedString
        seq += 1
        try db.execute(sql: """
            INSERT INTO hub_record (learner_id, key, state_json, hub_seq) VALUES (?, ?, ?, ?)
            ON CONFLICT (learner_id, key) DO UPDATE SET state_json = excluded.state_json, hub_seq = excluded.hub_seq
            """, arguments: [learnerID, recordKey, stateJSON, seq])
        try db.execute(sql: "INSERT INTO hub_record_history (learner_id, key, state_json, origin, received_ms) VALUES (?, ?, ?, ?, ?)",
                       arguments: [learnerID, recordKey, stateJSON, replicaNumber, nowMs])
        return .issued(credential: id, learner: learnerID, course: course.id, awardingBody: slug)
    }

    /// Entries per list: the standard's minimum, which every list we publish has.
    static let listEntries = StatusBitstring.minimumEntries

    /// The next free entry of the body's list. Slots are taken in order but mapped to indexes by
    /// a fixed permutation of 0..<2^17 (an odd multiplier is a bijection modulo a power of two),
    /// so neighbouring credentials do not sit in neighbouring bits; this hides issue order from
    /// a casual look, nothing more — the list itself is public and whole.
    static func allocateIndex(_ db: Database, slug: String) throws -> Int {
        try db.execute(sql: "INSERT INTO status_list (awarding_body) VALUES (?) ON CONFLICT (awarding_body) DO NOTHING", arguments: [slug])
        let slot = try Int.fetchOne(db, sql: "SELECT next_slot FROM status_list WHERE awarding_body = ?", arguments: [slug]) ?? 0
        guard slot < listEntries else {
            throw CredentialAdminError("the status list of \(slug) is full (\(listEntries) credentials); a second list per body is not built yet")
        }
        try db.execute(sql: "UPDATE status_list SET next_slot = next_slot + 1, version = version + 1 WHERE awarding_body = ?", arguments: [slug])
        return index(ofSlot: slot)
    }

    static func index(ofSlot slot: Int) -> Int {
        (slot &* 92_821 &+ 17_291) & (listEntries - 1)
    }

    /// The learner's name from their `profile/name` record when it holds one settled string.
    static func currentName(_ db: Database, learnerID: String) throws -> String? {
        guard let text = try String.fetchOne(db, sql: "SELECT state_json FROM hub_record WHERE learner_id = ? AND key = 'profile/name'",
                                             arguments: [learnerID]),
              let state = try? RegisterState(storedJSON: text), state.values.count == 1,
              let name = state.values.first?.stringValue, !name.isEmpty
        else { return nil }
        return name
    }
}
