/// One VET micro-course of the catalog, with what an EU micro-credential must state about it
/// (Council Recommendation on micro-credentials, Annex I): title, learning outcomes, EQF level,
/// workload in ECTS credits, form of participation, type of assessment, quality assurance and the
/// awarding body.
///
/// ```swift
/// let catalog = try CourseCatalog.parse(data)
/// let course = catalog.courses[0]
/// print(course.title, "EQF \(course.eqfLevel)", "\(course.ectsCredits) ECTS", course.learningOutcomes.count)
/// ```
public struct Course: Codable, Sendable, Equatable {
    /// An absolute IRI, e.g. `https://catalog.vet-centre.example/courses/forklift-safety`.
    public var id: String
    public var title: String
    public var description: String
    /// BCP 47 tag of the language of instruction, e.g. `en` or `de-AT`.
    public var language: String
    /// European Qualifications Framework level, 1…8.
    public var eqfLevel: Int
    /// Workload in ECTS credits: more than 0, at most 60.
    public var ectsCredits: Double
    /// ECVET points, when the course states them: more than 0.
    public var ecvetPoints: Double?
    /// What the learner must be able to do; at least one, ids unique in the whole catalog.
    public var learningOutcomes: [LearningOutcome]
    public var assessment: AssessmentType
    public var participation: ParticipationForm
    /// How the course and its assessment are quality-assured, for people to read.
    public var qualityAssurance: String
    public var awardingBody: AwardingBody
    /// Notional learning hours, when stated: more than 0.
    public var workloadHours: Int?

    public init(id: String, title: String, description: String, language: String, eqfLevel: Int, ectsCredits: Double,
                ecvetPoints: Double? = nil, learningOutcomes: [LearningOutcome], assessment: AssessmentType,
                participation: ParticipationForm, qualityAssurance: String, awardingBody: AwardingBody, workloadHours: Int? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.language = language
        self.eqfLevel = eqfLevel
        self.ectsCredits = ectsCredits
        self.ecvetPoints = ecvetPoints
        self.learningOutcomes = learningOutcomes
        self.assessment = assessment
        self.participation = participation
        self.qualityAssurance = qualityAssurance
        self.awardingBody = awardingBody
        self.workloadHours = workloadHours
    }

    enum CodingKeys: String, CodingKey {
        case id, title, description, language, eqfLevel, ectsCredits, ecvetPoints, learningOutcomes, assessment, participation
        case qualityAssurance, awardingBody, workloadHours
    }

    /// As synthesized, except that `eqfLevel` and `workloadHours` are read as JSON numbers that
    /// must be whole: Foundation's decoder reports `3.5` for an `Int` without saying where.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decode(String.self, forKey: .description)
        language = try container.decode(String.self, forKey: .language)
        eqfLevel = try Self.wholeNumber(container.decode(Double.self, forKey: .eqfLevel), .eqfLevel, in: container)
        ectsCredits = try container.decode(Double.self, forKey: .ectsCredits)
        ecvetPoints = try container.decodeIfPresent(Double.self, forKey: .ecvetPoints)
        learningOutcomes = try container.decode([LearningOutcome].self, forKey: .learningOutcomes)
        assessment = try container.decode(AssessmentType.self, forKey: .assessment)
        participation = try container.decode(ParticipationForm.self, forKey: .participation)
        qualityAssurance = try container.decode(String.self, forKey: .qualityAssurance)
        awardingBody = try container.decode(AwardingBody.self, forKey: .awardingBody)
        workloadHours = try container.decodeIfPresent(Double.self, forKey: .workloadHours)
            .map { hours throws(DecodingError) in try Self.wholeNumber(hours, .workloadHours, in: container) }
    }

    private static func wholeNumber(_ value: Double, _ key: CodingKeys, in container: KeyedDecodingContainer<CodingKeys>) throws(DecodingError) -> Int {
        guard value == value.rounded(), let whole = Int(exactly: value) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(value) is not a whole number")
        }
        return whole
    }
}
