import Catalog
/// One course with the learner's progress on each of its learning outcomes; `achieved` of `total`
/// outcomes are achieved (passed or completed, by the issuance rule).
///
/// ```swift
/// for entry in answer.courses { print(entry.course.title, "\(entry.achieved)/\(entry.total)") }
/// ```
public struct CourseProgress: Codable, Sendable, Equatable {
    public var course: Course
    /// The course's outcomes, in catalog order.
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
