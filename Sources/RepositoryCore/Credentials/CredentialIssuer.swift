import Credentials
import Foundation
import SyncEngine
import Catalog
import Basics

/// Issuance inside a push's write transaction, through the store's `IssuanceLedger` (no SQL
/// here): for each course the push may have completed, run `CourseEvidence` on the learner's
/// statements and, when every outcome is satisfied and the learner has a holder DID, sign the
/// micro-credential, keep it as issued and append it as the record `credential/<id>` of the
/// learner's partition — so the device's pull in the same sync run already receives it. The unique (learner, course) key and the push's single writer make it once
/// only, also under replayed or concurrent pushes.
///
/// ```swift
/// let issuer = CredentialIssuer(authority: authority, replica: store.replica)
/// let events = try issuer.run(ledger, learnerID: "ana", touched: activities, everyCourse: false, nowMs: now)
/// ```
struct CredentialIssuer {
    let authority: CredentialAuthority
    /// The repository's own replica: the credential records are its writes.
    let replica: ReplicaID

    /// Courses whose outcome activities are in `touched` (all courses when `everyCourse`), that
    /// the learner holds no credential for, are evaluated.
    func run(_ ledger: some IssuanceLedger, learnerID: String, touched: Set<String>, everyCourse: Bool, nowMs: Int64) throws -> [CredentialEvent] {
        guard let learner = try ledger.learner(id: learnerID), let holderDID = learner.holderDID,
              let stored = try ledger.catalog()
        else { return [] }
        let catalog = try authority.catalog(version: stored.version, json: stored.json)
        let candidates = Self.candidates(in: catalog, issued: try ledger.issuedCourses(learnerID: learnerID), touched: touched, everyCourse: everyCourse)
        guard !candidates.isEmpty else { return [] }
        // Read once for all candidate courses.
        let statements = try ledger.statements(learnerID: learnerID)
        let assessors = try ledger.assessors()
        let formerDIDs = try ledger.formerHolderDIDs(learnerID: learnerID)
        // The learner's own words: stated on a credential only as self-declared.
        let selfDeclared = Self.settledName(try ledger.record(learnerID: learnerID, key: Self.nameKey)) ?? learner.name
        var events: [CredentialEvent] = []
        for course in candidates {
            let satisfied = CourseEvidence.satisfiedOutcomes(course: course, statements: statements, learnerID: learnerID,
                                                             learnerDID: holderDID, assessors: assessors, formerDIDs: formerDIDs)
            guard course.learningOutcomes.allSatisfy({ satisfied[$0.id] != nil }) else { continue }
            let identity = try checkedIdentity(ledger, course: course, statements: statements, learnerID: learnerID,
                                               learnerDID: holderDID, assessors: assessors, formerDIDs: formerDIDs)
            events.append(try issue(ledger, course: course, learnerID: learnerID, learnerDID: holderDID, selfDeclaredName: selfDeclared,
                                    identity: identity, nowMs: nowMs))
        }
        return events
    }

    /// The courses a push may have completed: not issued yet, and with an outcome in `touched`
    /// (every course when `everyCourse`). A store that loads the ledger before the run
    /// (PostgreSQL) asks this to know which status lists to lock.
    static func candidates(in catalog: CourseCatalog, issued: Set<String>, touched: Set<String>, everyCourse: Bool) -> [Course] {
        catalog.courses.filter { course in
            !issued.contains(course.id) && (everyCourse || course.learningOutcomes.contains { touched.contains($0.id) })
        }
    }

    /// The name an assessor checked (`CourseEvidence.attestedIdentity`), with the name the
    /// repository registered that assessor under: never their own profile's.
    private func checkedIdentity(_ ledger: some IssuanceLedger, course: Course, statements: [JSONValue], learnerID: String,
                                 learnerDID: String, assessors: [RegisteredAssessor], formerDIDs: Set<String>) throws -> IdentityVerification? {
        guard let identity = CourseEvidence.attestedIdentity(course: course, statements: statements, learnerID: learnerID,
                                                             learnerDID: learnerDID, assessors: assessors, formerDIDs: formerDIDs),
              let assessor = identity.verifiedBy
        else { return nil }
        return identity.attributed(to: assessor, name: try ledger.assessorName(did: assessor), attestation: identity.attestation)
    }

    private func issue(_ ledger: some IssuanceLedger, course: Course, learnerID: String, learnerDID: String, selfDeclaredName: String?,
                       identity: IdentityVerification?, nowMs: Int64) throws -> CredentialEvent {
        let slug = IssuerKeyring.slug(for: course.awardingBody.name)
        guard let slot = try ledger.takeStatusListSlot(awardingBody: slug, capacity: Self.listEntries) else {
            throw CredentialAdminError("the status list of \(slug) is full (\(Self.listEntries) credentials); a second list per body is not built yet")
        }
        let index = Self.index(ofSlot: slot)
        let key = try authority.keyring.issuerKey(slug: slug)
        let id = "urn:uuid:" + UUID().uuidString.lowercased()
        let now = Date(timeIntervalSince1970: Double(nowMs) / 1000)
        let issuer = IssuerProfile(did: key.didKey, name: course.awardingBody.name, country: course.awardingBody.country, url: course.awardingBody.url)
        let unsigned = MicroCredential.unsigned(id: id, course: course, learnerDID: learnerDID, learnerID: learnerID,
                                                selfDeclaredName: selfDeclaredName, identity: identity, issuer: issuer, issued: now, status: StatusEntry(listURL: authority.statusListURL(slug: slug), index: index))
        let signed = try DataIntegrity.sign(unsigned, key: key, purpose: .assertionMethod, created: now)
        let json = String(decoding: signed.canonicalData(), as: UTF8.self)
        guard json.utf8.count <= RecordKey.maxCredentialValueBytes else {
            throw CredentialAdminError("the credential for course \(course.id) is \(json.utf8.count) bytes, more than a credential record may hold (\(RecordKey.maxCredentialValueBytes)); shorten the course's texts in the catalog")
        }
        try ledger.recordIssued(IssuedCredentialRecord(id: id, learnerID: learnerID, courseID: course.id, awardingBody: slug, statusIndex: index,
                                                       status: .valid, issuedMs: nowMs, json: json))
        try ledger.appendHubRecord(RegisterState().writing(signed, by: replica, seen: VersionVector()),
                                   key: RecordKey.credentialPrefix + id, learnerID: learnerID)
        return .issued(credential: id, learner: learnerID, course: course.id, awardingBody: slug)
    }

    /// Entries per list: the standard's minimum, which every list we publish has.
    static let listEntries = StatusBitstring.minimumEntries

    /// Slots of a body's list are taken in order but mapped to indexes by a fixed permutation of
    /// 0..<2^17 (an odd multiplier is a bijection modulo a power of two), so neighbouring
    /// credentials do not sit in neighbouring bits; this hides issue order from a casual look,
    /// nothing more — the list itself is public and whole.
    static func index(ofSlot slot: Int) -> Int {
        (slot &* 92_821 &+ 17_291) & (listEntries - 1)
    }

    static let nameKey = "profile/name"

    /// The learner's name from their `profile/name` record when it holds one settled string.
    static func settledName(_ state: RegisterState?) -> String? {
        guard let state, state.values.count == 1, let name = state.values.first?.stringValue, !name.isEmpty else { return nil }
        return name
    }
}
