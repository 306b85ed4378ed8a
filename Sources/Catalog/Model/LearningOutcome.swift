/// A learning outcome of a course. Its id is also the xAPI activity id that statements about the
/// outcome carry, so a learner's progress on it is their progress on that activity.
///
/// ```swift
/// let outcome = LearningOutcome(
///     id: "https://catalog.vet-centre.example/courses/forklift-safety/outcomes/stacking",
///     text: "Stacks palletised loads in racking up to 4 m without damage or danger to people.",
///     escoSkill: "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da")
/// ```
public struct LearningOutcome: Codable, Sendable, Equatable {
    /// An absolute IRI, unique in the catalog.
    public var id: String
    public var text: String
    /// The ESCO skill URI the outcome maps to, when it maps to one.
    public var escoSkill: String?

    public init(id: String, text: String, escoSkill: String? = nil) {
        self.id = id
        self.text = text
        self.escoSkill = escoSkill
    }
}
