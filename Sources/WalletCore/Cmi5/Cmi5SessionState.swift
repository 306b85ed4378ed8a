/// What the cmi5 rules know of one launch session and its registration when a statement arrives:
/// the session's own history (kept by walletd per session) and the registration's completed and
/// passed facts for the AU (from the learner's stored statements, so they hold across PCs once
/// synced).
///
/// ```swift
/// var state = Cmi5SessionState()
/// state = try Cmi5SessionRules.accept(initialized, launch: launch, state: state).get()
/// ```
public struct Cmi5SessionState: Sendable, Equatable {
    public var initialized: Bool
    public var terminated: Bool
    /// A newer launch in the registration, or the session's expiry, abandoned it (9.3.6).
    public var abandoned: Bool
    /// The cmi5 defined verbs this session used (9.3: none twice, one of passed/failed).
    public var sessionVerbs: Set<String>
    /// The AU was completed / passed earlier in the registration (9.3: at most one each, no
    /// failed after passed).
    public var completedInRegistration: Bool
    public var passedInRegistration: Bool

    public init(initialized: Bool = false, terminated: Bool = false, abandoned: Bool = false, sessionVerbs: Set<String> = [],
                completedInRegistration: Bool = false, passedInRegistration: Bool = false) {
        self.initialized = initialized
        self.terminated = terminated
        self.abandoned = abandoned
        self.sessionVerbs = sessionVerbs
        self.completedInRegistration = completedInRegistration
        self.passedInRegistration = passedInRegistration
    }
}

/// Why a statement sent with a launch's token was refused: an HTTP status (403 when the token may
/// not say this at all, 400 when the statement breaks a cmi5 rule) and a message naming the rule.
public struct Cmi5Refusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 403: not this launch's learner, registration or session; a session that ended; an LMS verb or a voiding.
        case forbidden
        /// 400: breaks a statement rule of cmi5 section 9.
        case rule
    }

    public let kind: Kind
    public let message: String
    /// Which statement of a batch (0-based); set by the store.
    public var position: Int?

    public init(_ kind: Kind, _ message: String, position: Int? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
    }

    public var status: Int { kind == .forbidden ? 403 : 400 }
    public var description: String { message }
}
