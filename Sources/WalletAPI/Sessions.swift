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
    /// The session ends this many seconds after login however busy it is (a shared PC left
    /// logged in at night). Absent from walletd versions that had no such limit.
    public var maxLifetimeSeconds: Int?
    public init(token: String, learner: LearnerSummary, idleTimeoutSeconds: Int, maxLifetimeSeconds: Int? = nil) {
        self.token = token
        self.learner = learner
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.maxLifetimeSeconds = maxLifetimeSeconds
    }
}

/// `DELETE /v1/sessions` answer (`wallet-cli lock`): how many sessions of the calling OS account
/// ended, whichever learners they were for.
///
/// ```swift
/// let locked: LockResponse = try client.call(Endpoints.lock)   // locked.ended == 2
/// ```
public struct LockResponse: Codable, Sendable, Equatable {
    public var ended: Int
    public init(ended: Int) { self.ended = ended }
}
