/// One learning outcome and how far the learner got on it: `state` is "not started", "attempted",
/// "completed", "failed", "passed" (see `ActivityProgress.state`) or, for a supervised course's
/// outcome the learner passed or completed on their own that no registered assessor has signed
/// off yet, "awaiting assessment". It says "passed" or "completed" exactly when the outcome is
/// achieved by the issuance rule (`CourseEvidence`).
///
/// ```swift
/// let open = entry.outcomes.filter { !$0.isAchieved }.map(\.text)
/// ```
public struct OutcomeProgress: Codable, Sendable, Equatable {
    /// The outcome's id, which is also the xAPI activity id.
    public var id: String
    public var text: String
    public var escoSkill: String?
    public var state: String
    public var bestScaledScore: Double?
    /// The latest `timestamp` among the outcome's statements.
    public var lastActivity: String?

    public init(id: String, text: String, escoSkill: String?, state: String, bestScaledScore: Double?, lastActivity: String?) {
        self.id = id
        self.text = text
        self.escoSkill = escoSkill
        self.state = state
        self.bestScaledScore = bestScaledScore
        self.lastActivity = lastActivity
    }

    /// The state of a supervised outcome the learner claims but no registered assessor attested.
    public static let awaitingAssessment = "awaiting assessment"

    /// Passed or completed.
    public var isAchieved: Bool { state == "passed" || state == "completed" }
}
