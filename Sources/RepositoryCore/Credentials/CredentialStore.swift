import Credentials
import Catalog

/// What the repository keeps about micro-credentials: registered assessors, issued credentials
/// with their status, and the versions that say when the signed trust list or a status list must
/// be signed again. Each method is one transaction. Issuance itself runs inside a push
/// (`CredentialIssuer`), so that the pull of the same sync run already brings the credential.
///
/// ```swift
/// try store.addAssessor(id: "a-17", name: "Eva Berger", awardingBody: "Gastro-Akademie Rheinland", did: did, nowMs: now)
/// try store.setCredentialStatus(id: credentialID, to: .revoked, nowMs: now)
/// let list = try store.statusList(slug: "gastro-akademie-rheinland")
/// ```
public protocol CredentialStore: Sendable {
    /// Registers an assessor for an awarding body of the catalog; the DID must be an Ed25519 did:key.
    func addAssessor(id: String, name: String, awardingBody: String, did: String, nowMs: Int64) async throws
    func assessors() async throws -> [AssessorRecord]
    /// False when no assessor has this id.
    func removeAssessor(id: String) async throws -> Bool

    /// Issued credentials, newest first; only `learner`'s when given.
    func issuedCredentials(learner: String?) async throws -> [IssuedCredentialRecord]
    func issuedCredential(id: String) async throws -> IssuedCredentialRecord?
    /// Revokes, suspends or reinstates (`.valid`); revocation is final.
    func setCredentialStatus(id: String, to status: CredentialStatusValue, nowMs: Int64) async throws -> IssuedCredentialRecord

    /// The awarding bodies of the catalog (first occurrence of each name, catalog order).
    func awardingBodies() async throws -> [AwardingBodyRecord]
    /// The status of every issued credential of a body, with the list's version; nil when no body
    /// of the catalog or of an issued credential has this slug.
    func statusList(slug: String) async throws -> StatusListState?
    func trustListVersion() async throws -> Int
}

/// An assessor as `repositoryd assessor list` shows them.
///
/// ```swift
/// for a in try store.assessors() { print(a.id, a.name, a.awardingBody, a.did) }
/// ```
public struct AssessorRecord: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var awardingBody: String
    public var did: String
    public var addedMs: Int64

    public init(id: String, name: String, awardingBody: String, did: String, addedMs: Int64) {
        self.id = id
        self.name = name
        self.awardingBody = awardingBody
        self.did = did
        self.addedMs = addedMs
    }

    public var registered: RegisteredAssessor { RegisteredAssessor(did: did, awardingBody: awardingBody) }
}

/// A credential the repository issued, with its live status.
///
/// ```swift
/// let record = try store.issuedCredential(id: "urn:uuid:…")
/// print(record?.status.word ?? "unknown")
/// ```
public struct IssuedCredentialRecord: Sendable, Equatable {
    public var id: String
    public var learnerID: String
    public var courseID: String
    /// The awarding body's slug.
    public var awardingBody: String
    public var statusIndex: Int
    public var status: CredentialStatusValue
    public var issuedMs: Int64
    /// The signed credential as issued (canonical JSON).
    public var json: String

    public init(id: String, learnerID: String, courseID: String, awardingBody: String, statusIndex: Int,
                status: CredentialStatusValue, issuedMs: Int64, json: String) {
        self.id = id
        self.learnerID = learnerID
        self.courseID = courseID
        self.awardingBody = awardingBody
        self.statusIndex = statusIndex
        self.status = status
        self.issuedMs = issuedMs
        self.json = json
    }
}

/// An awarding body of the catalog with the slug its key file and status list are named by.
///
/// ```swift
/// let bodies = try store.awardingBodies()   // [AwardingBodyRecord(slug: "gastro-akademie-rheinland", …)]
/// ```
public struct AwardingBodyRecord: Sendable, Equatable {
    public var slug: String
    public var body: AwardingBody

    public init(slug: String, body: AwardingBody) {
        self.slug = slug
        self.body = body
    }
}

/// One awarding body's status list as stored: the version (changes with every status change or
/// issuance) and the non-valid entries.
///
/// ```swift
/// var bits = StatusBitstring()
/// for (index, status) in state.entries { bits[index] = status }
/// ```
public struct StatusListState: Sendable, Equatable {
    public var slug: String
    public var version: Int
    public var entries: [Int: CredentialStatusValue]

    public init(slug: String, version: Int, entries: [Int: CredentialStatusValue]) {
        self.slug = slug
        self.version = version
        self.entries = entries
    }

    public var bitstring: StatusBitstring {
        var bits = StatusBitstring()
        for (index, status) in entries where index >= 0 && index < bits.entries { bits[index] = status }
        return bits
    }
}

/// An admin request the repository cannot carry out, saying why and what to do.
///
/// ```swift
/// throw CredentialAdminError("no credential with id \(id) was issued here; see repositoryd credential list")
/// ```
public struct CredentialAdminError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
