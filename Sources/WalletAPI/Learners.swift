/// `POST /v1/learners` body. The PIN (or passphrase) is hashed with scrypt and never stored.
///
/// ```swift
/// let request = CreateLearnerRequest(name: "Ana Horvat", pin: "4711-2")
/// ```
public struct CreateLearnerRequest: Codable, Sendable, Equatable {
    public var name: String
    public var pin: String
    public init(name: String, pin: String) {
        self.name = name
        self.pin = pin
    }
}

/// A learner as anyone at the PC may see them: id, display name and the public holder DID
/// (credentials are issued to it; an assessor's is what the repository admin registers).
///
/// ```swift
/// let ana = LearnerSummary(id: "0E2C…", name: "Ana Horvat", did: "did:key:z6Mk…")
/// ```
public struct LearnerSummary: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var did: String?
    public init(id: String, name: String, did: String? = nil) {
        self.id = id
        self.name = name
        self.did = did
    }
}

/// `GET /v1/learners`: a page of them, oldest first (`Paging`).
///
/// ```swift
/// let list = try JSONDecoder().decode(LearnerList.self, from: body)
/// ```
public struct LearnerList: PagedAnswer, Equatable {
    public var learners: [LearnerSummary]
    /// The next page's path (absent on the last page).
    public var next: String?
    public init(learners: [LearnerSummary], next: String? = nil) {
        self.learners = learners
        self.next = next
    }

    public mutating func append(page: LearnerList) {
        learners += page.learners
        next = page.next
    }
}
