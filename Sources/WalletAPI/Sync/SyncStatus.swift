/// `GET /v1/sync`: whether this PC is registered with a repository, how the last sync went, what
/// is waiting to be sent, and the run in progress if any.
///
/// A learner's session sees only their own pending counts; the admin token (`X-Walletd-Admin`)
/// sees every learner's; without either, only the totals.
///
/// ```swift
/// let status = try JSONDecoder().decode(SyncStatusResponse.self, from: body)
/// status.lastError   // "repository unreachable: Couldn't connect to server (retrying in 32 s)"
/// ```
public struct SyncStatusResponse: Codable, Sendable, Equatable {
    public var registered: Bool
    public var repository: String?
    public var device: String?
    public var replica: String
    /// ISO 8601 times (this PC's clock, for people only).
    public var lastSuccess: String?
    public var lastAttempt: String?
    /// What went wrong last time, in words; nil after a success.
    public var lastError: String?
    /// Seconds until the next automatic attempt, when one is scheduled.
    public var nextAttemptInSeconds: Double?
    public var pendingStatements: Int
    public var pendingRecords: Int
    public var pending: [PendingCount]
    public var current: SyncRunProgress?
    public var lastRun: SyncRunResult?
    public var catalogVersion: String?
    /// Items the repository refused on their own, held back on this PC: shown like `pending`
    /// (the learner's own with a session, all with the admin token; nil from an older walletd).
    public var quarantined: [QuarantinedItem]?
    /// How many items are quarantined on this PC, every learner's (nil from an older walletd).
    public var quarantinedTotal: Int?

    public init(registered: Bool, repository: String?, device: String?, replica: String, lastSuccess: String?, lastAttempt: String?,
                lastError: String?, nextAttemptInSeconds: Double?, pendingStatements: Int, pendingRecords: Int,
                pending: [PendingCount], current: SyncRunProgress?, lastRun: SyncRunResult?, catalogVersion: String?,
                quarantined: [QuarantinedItem]? = nil, quarantinedTotal: Int? = nil) {
        self.quarantined = quarantined
        self.quarantinedTotal = quarantinedTotal
        self.registered = registered
        self.repository = repository
        self.device = device
        self.replica = replica
        self.lastSuccess = lastSuccess
        self.lastAttempt = lastAttempt
        self.lastError = lastError
        self.nextAttemptInSeconds = nextAttemptInSeconds
        self.pendingStatements = pendingStatements
        self.pendingRecords = pendingRecords
        self.pending = pending
        self.current = current
        self.lastRun = lastRun
        self.catalogVersion = catalogVersion
    }
}

/// Changes of one learner not yet acknowledged by the repository.
public struct PendingCount: Codable, Sendable, Equatable {
    public var learner: String
    public var statements: Int
    public var records: Int
    public init(learner: String, statements: Int, records: Int) {
        self.learner = learner
        self.statements = statements
        self.records = records
    }
}

/// A sync run in progress. `run` numbers runs since walletd started.
public struct SyncRunProgress: Codable, Sendable, Equatable {
    public var run: Int
    /// "pushing", "pulling", "catalog"
    public var phase: String
    public var pushedStatements: Int
    /// Statements pending when the run started (the progress bar's total for the push).
    public var pushTotal: Int
    public var pulledStatements: Int
    public init(run: Int, phase: String, pushedStatements: Int, pushTotal: Int, pulledStatements: Int) {
        self.run = run
        self.phase = phase
        self.pushedStatements = pushedStatements
        self.pushTotal = pushTotal
        self.pulledStatements = pulledStatements
    }
}

/// How a finished run went. `POST /v1/sync?wait=true` answers with this.
public struct SyncRunResult: Codable, Sendable, Equatable {
    public var run: Int
    public var ok: Bool
    public var error: String?
    public var finished: String
    public var durationMs: Double
    public var requests: Int
    public var pushBatches: Int
    public var pushedStatements: Int
    public var pushedRecords: Int
    public var duplicates: Int
    public var conflicts: [String]
    public var pulledStatements: Int
    public var pulledRecords: Int
    public var catalogUpdated: Bool
    /// Items this run quarantined (nil from an older walletd).
    public var quarantined: Int?
    /// Learners this run held back, with the repository's reason (nil from an older walletd).
    public var heldBack: [HeldBackLearner]?
    /// How many conflicts the run kept; `conflicts` names their statement ids to the admin only
    /// (nil from an older walletd, which always named them).
    public var conflictCount: Int?

    public init(run: Int, ok: Bool, error: String?, finished: String, durationMs: Double, requests: Int, pushBatches: Int,
                pushedStatements: Int, pushedRecords: Int, duplicates: Int, conflicts: [String], pulledStatements: Int,
                pulledRecords: Int, catalogUpdated: Bool, quarantined: Int? = nil, heldBack: [HeldBackLearner]? = nil) {
        self.conflictCount = conflicts.count
        self.quarantined = quarantined
        self.heldBack = heldBack
        self.run = run
        self.ok = ok
        self.error = error
        self.finished = finished
        self.durationMs = durationMs
        self.requests = requests
        self.pushBatches = pushBatches
        self.pushedStatements = pushedStatements
        self.pushedRecords = pushedRecords
        self.duplicates = duplicates
        self.conflicts = conflicts
        self.pulledStatements = pulledStatements
        self.pulledRecords = pulledRecords
        self.catalogUpdated = catalogUpdated
    }
}

extension SyncRunResult {
    /// The run as one caller may see it: the admin sees everything; a learner's session sees the
    /// totals and their own held-back entry; anyone else the totals only. Which learners were held
    /// back and which statements conflicted is not for everyone at a shared PC.
    ///
    /// ```swift
    /// let shown = result.visible(toLearner: session?.learnerID, admin: isAdmin)
    /// ```
    public func visible(toLearner learner: String?, admin: Bool) -> SyncRunResult {
        guard !admin else { return self }
        var shown = self
        shown.conflictCount = conflictCount ?? conflicts.count
        shown.conflicts = []
        shown.heldBack = heldBack.map { holds in holds.filter { $0.learner == learner } }
        return shown
    }
}

/// `POST /v1/sync` without `wait`: 202 with the number of the run started (or already running).
public struct SyncStartedResponse: Codable, Sendable, Equatable {
    public var run: Int
    public init(run: Int) { self.run = run }
}
