/// A learner's progress on one activity, derived from their (non-voided) statements.
///
/// ```swift
/// let p = ActivityProgress(activity: "https://example.org/course/1/lo/2", name: "Wiring", attempted: true,
///                          completed: true, passed: true, failed: false, bestScaledScore: 0.9,
///                          lastActivity: "2026-11-22T09:00:00.000Z", statementCount: 3)
/// ```
public struct ActivityProgress: Codable, Sendable, Equatable {
    public var activity: String
    public var name: String?
    public var attempted: Bool
    public var completed: Bool
    public var passed: Bool
    public var failed: Bool
    public var bestScaledScore: Double?
    /// The latest `timestamp` among the activity's statements (ISO 8601, as the device said).
    public var lastActivity: String?
    public var statementCount: Int

    public init(activity: String, name: String?, attempted: Bool, completed: Bool, passed: Bool, failed: Bool,
                bestScaledScore: Double?, lastActivity: String?, statementCount: Int) {
        self.activity = activity
        self.name = name
        self.attempted = attempted
        self.completed = completed
        self.passed = passed
        self.failed = failed
        self.bestScaledScore = bestScaledScore
        self.lastActivity = lastActivity
        self.statementCount = statementCount
    }

    /// One word for people: the furthest state reached.
    public var state: String {
        if passed { return "passed" }
        if failed { return "failed" }
        if completed { return "completed" }
        if attempted { return "attempted" }
        return "not started"
    }
}

/// `GET /v1/learners/{id}/progress`.
///
/// ```swift
/// let progress = try JSONDecoder().decode(ProgressResponse.self, from: body)
/// ```
public struct ProgressResponse: PagedAnswer, Equatable {
    public var learner: String
    /// One page (`Paging`), ordered by activity id.
    public var activities: [ActivityProgress]
    /// The next page's path (absent on the last page).
    public var next: String?
    public init(learner: String, activities: [ActivityProgress], next: String? = nil) {
        self.learner = learner
        self.activities = activities
        self.next = next
    }

    public mutating func append(page: ProgressResponse) {
        activities += page.activities
        next = page.next
    }
}
