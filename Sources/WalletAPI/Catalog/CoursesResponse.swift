/// `GET /v1/courses` and `GET /v1/learners/{id}/courses`: the catalog's courses, and with a
/// session the learner's progress on each learning outcome. `catalogVersion` is nil, and `courses`
/// empty, until the device has received a catalog.
///
/// ```swift
/// let answer = try JSONDecoder().decode(CoursesResponse.self, from: body)
/// for entry in answer.courses { print(entry.course.title, "\(entry.achieved)/\(entry.total)") }
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
