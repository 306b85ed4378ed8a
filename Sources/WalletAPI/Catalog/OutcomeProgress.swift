/// One learning outcome and how far the learner got on it: `state` is "not started", "attempted",
/// "completed", "failed" or "passed" (see `ActivityProgress.state`).
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

    /// Passed or completed.
    public var isAchieved: Bool { state == "passed" || state == "completed" }
}
