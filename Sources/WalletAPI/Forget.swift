/// `POST /v1/learners/{id}/forget` body. Without `force`, walletd forgets the learner only when
/// the repository holds everything of theirs; with `force` it forgets them anyway, and wants their
/// PIN again (checked with the same lock-out as a login).
///
/// ```swift
/// let plain = ForgetRequest()                          // refused (409 not_yet_synced) while data is pending
/// let forced = ForgetRequest(force: true, pin: "4711") // loses what the repository does not have
/// ```
public struct ForgetRequest: Codable, Sendable, Equatable {
    public var force: Bool?
    public var pin: String?

    public init(force: Bool? = nil, pin: String? = nil) {
        self.force = force
        self.pin = pin
    }
}

/// `POST /v1/learners/{id}/forget` answer: what was removed from this PC, and what of it the
/// repository did not have (lost for good; all zero without `force`).
///
/// ```swift
/// let answer = ForgetResponse(learner: ana.id, removed: ForgetCounts(statements: 40, records: 3, credentials: 1, sessions: 1),
///                             lost: UnsyncedCounts(), compacted: true)
/// ```
public struct ForgetResponse: Codable, Sendable, Equatable {
    public var learner: String
    public var removed: ForgetCounts
    public var lost: UnsyncedCounts
    /// True when the database was rewritten (VACUUM) and its write-ahead log emptied, so the
    /// removed rows' bytes are gone from the data folder's files.
    public var compacted: Bool

    public init(learner: String, removed: ForgetCounts, lost: UnsyncedCounts, compacted: Bool) {
        self.learner = learner
        self.removed = removed
        self.lost = lost
        self.compacted = compacted
    }
}

/// How many of a learner's rows a forget removed.
///
/// ```swift
/// ForgetCounts(statements: 40, records: 3, credentials: 1, sessions: 1)
/// ```
public struct ForgetCounts: Codable, Sendable, Equatable {
    public var statements: Int
    public var records: Int
    public var credentials: Int
    public var sessions: Int

    public init(statements: Int = 0, records: Int = 0, credentials: Int = 0, sessions: Int = 0) {
        self.statements = statements
        self.records = records
        self.credentials = credentials
        self.sessions = sessions
    }
}

/// What of a learner's data the repository has not acknowledged: statements and records not yet
/// pushed, items it refused (quarantined here), and the learner themselves when they were never
/// announced (their PIN hash and sealed holder key exist only on this PC). On a PC that is not
/// enrolled, everything is unsynced.
///
/// ```swift
/// let pending = UnsyncedCounts(statements: 12, records: 1)
/// pending.isEmpty      // false
/// pending.summary      // "12 statements and 1 record"
/// ```
public struct UnsyncedCounts: Codable, Sendable, Equatable {
    public var statements: Int
    public var records: Int
    public var quarantined: Int
    /// The learner was never announced to the repository: nobody could fetch them elsewhere.
    public var profile: Bool
    /// False on a PC not enrolled with a repository (nothing of anyone's is kept elsewhere).
    public var enrolled: Bool

    public init(statements: Int = 0, records: Int = 0, quarantined: Int = 0, profile: Bool = false, enrolled: Bool = true) {
        self.statements = statements
        self.records = records
        self.quarantined = quarantined
        self.profile = profile
        self.enrolled = enrolled
    }

    public var isEmpty: Bool { statements == 0 && records == 0 && quarantined == 0 && !profile }
}
