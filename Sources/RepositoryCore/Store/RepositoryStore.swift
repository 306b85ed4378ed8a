import SecurityPrimitives
import SyncEngine

/// Everything repositoryd keeps, behind one protocol so that a PostgreSQL backend can replace the
/// embedded SQLite one (`SQLiteRepositoryStore`) without touching the server. Each method is one
/// transaction. A store that issues credentials runs `CredentialIssuer` inside its push over its
/// own `IssuanceLedger` (the SQLite store's is `SQLitePushTransaction`).
///
/// ```swift
/// let store: any RepositoryStore = try SQLiteRepositoryStore(directory: dir, durability: .full)
/// let device = try store.authenticate(token: bearer)
/// let ack = try store.push(request, device: device.id)
/// ```
public protocol RepositoryStore: CredentialStore {
    /// Applies a device's batch, all or nothing (`SyncHub.push`'s contract: a batch seen before is
    /// answered as first answered and changes nothing).
    func push(_ request: PushRequest, device: String) async throws -> PushResponse
    /// The changes of the partitions the device holds after its cursors (`SyncHub.pull`'s contract).
    func pull(_ request: PullRequest, device: String) async throws -> PullResponse

    /// Removes what the retention settings no longer keep (old batch log entries, record
    /// versions); returns what was removed.
    func prune() async throws -> PruneReport

    /// The hub's own replica id; it changes with every new epoch.
    var replica: ReplicaID { get async throws }

    /// Starts a new epoch (after a restore, or when a device's witness shows the hub went back in
    /// time): every device then sends all it holds again and pulls from zero. Returns the epoch.
    func startNewEpoch(reason: String) async throws -> String

    /// Makes a one-time enrolment code valid until `expiresMs`; only its hash is kept.
    func addEnrolmentCode(_ code: String, label: String?, nowMs: Int64, expiresMs: Int64) async throws
    /// Spends a code and enrols the device; nil when the code is unknown, used or expired.
    /// `previousToken` proves an earlier device of this PC (its learners pass on). Throws
    /// `DeviceLifecycleError.replicaInUse` when a live device has the replica and neither the
    /// proof nor a replace code covers it.
    func enrol(code: String, replica: ReplicaID, name: String, token: String, previousToken: String?, nowMs: Int64) async throws -> EnrolledDevice?
    /// A device for a copied PC's new replica, holding the learners of `parent` (whose token it
    /// proved), with the token the copy proposed; the same request again answers the same device.
    func enrolCopy(of parent: EnrolledDevice, replica: ReplicaID, name: String, token: String, nowMs: Int64) async throws -> EnrolledDevice
    /// The token's device, revoked ones included (`revokedMs` set).
    func authenticate(token: String) async throws -> EnrolledDevice?

    /// Replaces the device token `presented` by `proposed` (a PC's on-demand rotation); the same
    /// request again, presenting the replaced token, is answered as done (`TokenRotation`).
    func rotateDeviceToken(presented: String, proposed: String, nowMs: Int64) async throws -> TokenRotation

    func devices() async throws -> [DeviceSummary]
    func revokeDevice(_ idOrName: String, nowMs: Int64) async throws -> DeviceSummary
    /// A one-time code whose enrolment takes over `idOrName`'s learners and revokes it; returns its id.
    func addReplaceCode(_ code: String, replacing idOrName: String, nowMs: Int64, expiresMs: Int64) async throws -> String

    /// A learner with their PIN hash, for `learner fetch`; the caller checks the PIN.
    func learner(id: String) async throws -> (learner: WireLearner, failedAttempts: Int, lockedUntilMs: Int64)?
    /// Counts a fetch try before its PIN is checked (`LoginThrottle.reserve`), in one transaction;
    /// nil when the learner is unknown.
    func reserveFetchAttempt(learnerID: String, nowMs: Int64) async throws -> LoginThrottle.Reservation?
    /// The right PIN: the count and the lock start again.
    func clearFetchAttempts(learnerID: String) async throws
    /// Lets `device` pull `learner` (after a fetch with the right PIN).
    func link(device: String, learner: String) async throws
    /// A one-time PIN reset code for a known learner (stored hashed), replacing any older one;
    /// false when the learner is unknown here.
    func addResetCode(_ code: String, learnerID: String, assessor: String, nowMs: Int64, expiresMs: Int64) async throws -> Bool
    /// A PIN reset with its code, in one transaction (`LearnerReset`).
    func resetLearner(_ reset: LearnerReset, device: String, nowMs: Int64) async throws -> LearnerResetOutcome

    /// The right to erasure (`repositoryd learner erase`): removes the learner's statements (and
    /// kept conflicts), records and their history, PIN hash, sealed holder key, device links and
    /// batch log entries; revokes the credentials issued to them, keeping of each only its
    /// status-list entry (so a copy an employer holds verifies as revoked); keeps a hash of the id
    /// so that no PC creates them again; then rewrites the storage so the bytes are gone from its
    /// files. Nil, and nothing changed, for a learner this repository does not hold.
    func eraseLearner(id: String, nowMs: Int64) async throws -> LearnerErasure?

    func importCatalog(json: String, version: String, nowMs: Int64) async throws
    func catalog() async throws -> (version: String, json: String)?

    func stats() async throws -> RepositoryStats

    /// Appends audit entries for events with no write of their own (a wrong PIN at a fetch) in a
    /// transaction of their own; events with a write of their own log inside it.
    func appendAudit(_ events: [AuditEvent], nowMs: Int64) async throws
    /// The whole audit log, oldest first, with the seq of the first entry breaking the chain.
    func auditLog() async throws -> (entries: [AuditEntry], firstBroken: Int64?)

    /// The anchor of `device`'s own audit log kept here (`AuditAnchor`), nil before its first.
    func auditAnchor(device: String) async throws -> AuditAnchor?
    /// Checks a device's new audit head against the anchor kept for it and keeps the new one;
    /// a break is written to this repository's own log.
    func anchorAudit(_ request: AuditAnchorRequest, device: String, nowMs: Int64) async throws -> AuditAnchorResponse
}

/// A device the repository knows (never its token: only the token's hash is stored).
///
/// ```swift
/// if let device = try store.authenticate(token: bearer) { print(device.name, device.replica) }
/// ```
public struct EnrolledDevice: Sendable, Equatable {
    public var id: String
    public var replica: ReplicaID
    public var name: String
    /// When the device was revoked (or replaced); its token is then refused.
    public var revokedMs: Int64?

    public init(id: String, replica: ReplicaID, name: String, revokedMs: Int64? = nil) {
        self.id = id
        self.replica = replica
        self.name = name
        self.revokedMs = revokedMs
    }
}

extension RepositoryStore {
    /// An enrolment that proves no earlier device.
    public func enrol(code: String, replica: ReplicaID, name: String, token: String, nowMs: Int64) async throws -> EnrolledDevice? {
        try await enrol(code: code, replica: replica, name: name, token: token, previousToken: nil, nowMs: nowMs)
    }
}

/// Counters for `repositoryd stats` and the tests: how much arrived, how much was new. Encoded
/// with these property names by `repositoryd stats --json`.
///
/// ```swift
/// let stats = try store.stats()
/// stats.statementsReceived - stats.statementsStored   // sent more than once, or conflicting
/// ```
public struct RepositoryStats: Codable, Sendable, Equatable {
    public var statementsStored: Int
    public var statementsReceived: Int
    public var statementsDuplicate: Int
    public var statementConflicts: Int
    public var batches: Int
    public var batchesReplayed: Int
    public var records: Int
    public var recordVersions: Int
    public var learners: Int
    public var devices: Int
    public var changeSequence: Int64
    public var catalogVersion: String?
}
