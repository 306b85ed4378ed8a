/// How a course's learning outcomes are assessed. JSON: `"supervised"` or `"self-assessed"`.
///
/// ```swift
/// if course.assessment == .supervised { print("An assessor attests each outcome.") }
/// ```
public enum AssessmentType: String, Codable, Sendable, Equatable, CaseIterable {
    /// An assessor attests each learning outcome.
    case supervised
    /// The learner's own recorded results (xAPI statements) alone.
    case selfAssessed = "self-assessed"
}
