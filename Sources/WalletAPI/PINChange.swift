/// `POST /v1/learners/{id}/pin` body: the current PIN (checked with the same lock-out as a login,
/// so the route cannot be used to guess PINs) and the new one (at least six characters).
///
/// ```swift
/// let change = ChangePINRequest(currentPin: "246810", newPin: "97531086")
/// ```
public struct ChangePINRequest: Codable, Sendable, Equatable {
    public var currentPin: String
    public var newPin: String

    public init(currentPin: String, newPin: String) {
        self.currentPin = currentPin
        self.newPin = newPin
    }
}

/// `POST /v1/learners/{id}/pin` answer: the learner (same id and DID: the holder key is sealed
/// again, not replaced), the claim generation that carries the new PIN to the repository and the
/// learner's other PCs with the next sync, and how many other sessions on this PC ended.
///
/// ```swift
/// let answer = ChangePINResponse(learner: ana, generation: 1, sessionsEnded: 0)
/// ```
public struct ChangePINResponse: Codable, Sendable, Equatable {
    public var learner: LearnerSummary
    public var generation: Int
    public var sessionsEnded: Int

    public init(learner: LearnerSummary, generation: Int, sessionsEnded: Int) {
        self.learner = learner
        self.generation = generation
        self.sessionsEnded = sessionsEnded
    }
}
