/// `GET /v1/courses` and `GET /v1/learners/{id}/courses`: the catalog, and with a session the
/// learner's progress on each learning outcome.
///
/// ```swift
/// let answer = try JSONDecoder().decode(CoursesResponse.self, from: body)
/// for course in answer.courses { print(course.course.title, "\(course.achieved)/\(course.total)") }
/// ```
public struct CoursesResponse: Codable, Sendable, Equatable {
    public var learner: String?
    public var catalogVersion: String?
    public var courses: [CourseProgress]

    public init(learner: String?, catalogVersion: String?, courses: [CourseProgress]) {
        self.learner = learner
        self.catalogVersion = catalogVersion
        self.courses = courses
    }
}

/// One course with its outcomes' progress.
public struct CourseProgress: Codable, Sendable, Equatable {
    public var course: Course
    public var outcomes: [OutcomeProgress]
    public var achieved: Int
    public var total: Int

    public init(course: Course, outcomes: [OutcomeProgress], achieved: Int, total: Int) {
        self.course = course
        self.outcomes = outcomes
        self.achieved = achieved
        self.total = total
    }
}

/// One learning outcome and how far the learner got: "not started", "attempted", "completed",
/// "failed" or "passed".
public struct OutcomeProgress: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    public var escoSkill: String?
    public var state: String
    public var bestScaledScore: Double?
    public var lastActivity: String?

    public init(id: String, text: String, escoSkill: String?, state: String, bestScaledScore: Double?, lastActivity: String?) {
        self.id = id
        self.text = text
        self.escoSkill = escoSkill
        self.state = state
        self.bestScaledScore = bestScaledScore
        self.lastActivity = lastActivity
    }

    public var isAchieved: Bool { state == "passed" || state == "completed" }
}
