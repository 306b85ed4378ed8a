/// `POST /v1/device` (admin only: header `X-Walletd-Admin` with the token walletd keeps in
/// `DATA_DIR/admin.token`): enrol this PC with a repository using a one-time code.
///
/// ```swift
/// let request = EnrolDeviceRequest(repository: "https://repo.centre.example:8443", code: "K7QF-3MZP-XD2A-9WLB",
///                                         caFile: nil, name: "pc-lab-2")
/// ```
public struct EnrolDeviceRequest: Codable, Sendable, Equatable {
    public var repository: String
    public var code: String
    /// A PEM file of CA certificates to trust for this repository instead of the system's.
    public var caFile: String?
    /// How the repository lists this PC (default: the host name).
    public var name: String?

    public init(repository: String, code: String, caFile: String?, name: String?) {
        self.repository = repository
        self.code = code
        self.caFile = caFile
        self.name = name
    }
}

/// `GET /v1/device` and the answer to `POST /v1/device`. Never carries the device token.
public struct DeviceInfo: Codable, Sendable, Equatable {
    public var registered: Bool
    public var repository: String?
    public var device: String?
    public var replica: String
    public var caFile: String?
    /// Replica ids this database wrote under before it was copied or restored, oldest first;
    /// absent when it never was.
    public var previousReplicas: [String]?
    /// When the device token was set (enrolment or its latest rotation), ISO 8601; absent when
    /// not registered.
    public var tokenSince: String?

    public init(registered: Bool, repository: String?, device: String?, replica: String, caFile: String?, previousReplicas: [String]? = nil,
                tokenSince: String? = nil) {
        self.tokenSince = tokenSince
        self.registered = registered
        self.repository = repository
        self.device = device
        self.replica = replica
        self.caFile = caFile
        self.previousReplicas = previousReplicas
    }
}

/// `POST /v1/learners/fetch`: bring a learner who started on another PC onto this one (needs the
/// repository online). Answer: 201 `LearnerSummary`; their history follows with the next sync,
/// which the route starts.
public struct FetchLearnerRequest: Codable, Sendable, Equatable {
    public var learner: String
    public var pin: String
    public init(learner: String, pin: String) {
        self.learner = learner
        self.pin = pin
    }
}
