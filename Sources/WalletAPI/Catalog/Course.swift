/// One VET micro-course of the catalog, with what an EU micro-credential must state about it.
///
/// ```swift
/// let course = catalog.courses[0]
/// print(course.title, course.eqfLevel, course.ectsCredits, course.learningOutcomes.count)
/// ```
public struct Course: Codable, Sendable, Equatable {
    /// An IRI, e.g. `https://catalog.vet-centre.example/courses/forklift-safety`.
    public var id: String
    public var title: String
    public var description: String
    /// BCP 47 tag of the language of instruction.
    public var language: String
    /// European Qualifications Framework level, 1…8.
    public var eqfLevel: Int
    public var ectsCredits: Double
    public var ecvetPoints: Double?
    public var workloadHours: Int?
    public var learningOutcomes: [LearningOutcome]
    public var assessment: AssessmentType
    public var participation: ParticipationForm
    public var qualityAssurance: String
    public var awardingBody: AwardingBody
}

/// A learning outcome. Its id is also the xAPI activity id statements about it carry.
public struct LearningOutcome: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    /// An ESCO skill URI, when the outcome maps to one.
    public var escoSkill: String?
}

/// Who awards the credential.
public struct AwardingBody: Codable, Sendable, Equatable {
    public var name: String
    /// ISO 3166-1 alpha-2.
    public var country: String
    public var url: String?
}

/// How outcomes are assessed: by an assessor's attestation per outcome, or by the learner's own
/// recorded results.
public enum AssessmentType: String, Codable, Sendable {
    case supervised
    case selfAssessed = "self-assessed"
}

/// Form of participation in the course.
public enum ParticipationForm: String, Codable, Sendable {
    case onsite, online, blended
}
