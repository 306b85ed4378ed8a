/// `POST /v1/learners/{id}/pin/reset` body: the one-time reset code the centre admin made after an
/// assessor checked the learner's identity (`repositoryd learner reset-pin`), and the new PIN (at
/// least six characters). No session: the learner forgot their PIN.
///
/// ```swift
/// let reset = ResetPINRequest(code: "K7QF-3MZP-XD2A-9WRB", newPin: "97531086")
/// ```
public struct ResetPINRequest: Codable, Sendable, Equatable {
    public var code: String
    public var newPin: String

    public init(code: String, newPin: String) {
        self.code = code
        self.newPin = newPin
    }
}

/// `POST /v1/learners/{id}/pin/reset` answer: the learner with their NEW holder DID, the claim
/// generation the repository took, and how many of their sessions on this PC ended.
///
/// ```swift
/// let answer = ResetPINResponse(learner: ana, generation: 2, sessionsEnded: 1)
/// ```
public struct ResetPINResponse: Codable, Sendable, Equatable {
    public var learner: LearnerSummary
    public var generation: Int
    public var sessionsEnded: Int

    public init(learner: LearnerSummary, generation: Int, sessionsEnded: Int) {
        self.learner = learner
        self.generation = generation
        self.sessionsEnded = sessionsEnded
    }
}
