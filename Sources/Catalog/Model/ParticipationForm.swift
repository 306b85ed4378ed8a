/// The form of participation in a course. JSON: `"onsite"`, `"online"` or `"blended"`.
///
/// ```swift
/// let remote = catalog.courses.filter { $0.participation != .onsite }
/// ```
public enum ParticipationForm: String, Codable, Sendable, Equatable, CaseIterable {
    case onsite, online, blended
}
