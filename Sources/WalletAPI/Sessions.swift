/// `POST /v1/sessions` body: unlock a learner's wallet with their PIN.
///
/// ```swift
/// let request = CreateSessionRequest(learner: ana.id, pin: "4711-2")
/// ```
public struct CreateSessionRequest: Codable, Sendable, Equatable {
    public var learner: String
    public var pin: String
    public init(learner: String, pin: String) {
        self.learner = learner
        self.pin = pin
    }
}

/// `POST /v1/sessions` answer. `token` goes in `Authorization: Bearer …` (or as the HTTP Basic
/// password with the learner id as user); it expires after `idleTimeoutSeconds` without use.
///
/// ```swift
/// let session = try JSONDecoder().decode(SessionResponse.self, from: body)
/// request.headers["Authorization"] = "Bearer \(session.token)"
/// ```
public struct SessionResponse: Codable, Sendable, Equatable {
    public var token: String
    public var learner: LearnerSummary
    public var idleTimeoutSeconds: Int
    public init(token: String, learner: LearnerSummary, idleTimeoutSeconds: Int) {
        self.token = token
        self.learner = learner
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }
}
