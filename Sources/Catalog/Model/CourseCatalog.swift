import Foundation

/// The course catalog the repository publishes and every PC keeps read-only: a JSON object
/// `{"courses": [...]}`. Keys the model does not know are ignored. Its version (WalletCore's
/// `CourseCatalog.version`) is the SHA-256 of its canonical JSON.
///
/// ```swift
/// let catalog = try CourseCatalog.parse(Data(contentsOf: url))   // decodes and validates
/// print(catalog.courses.map(\.title))
/// ```
public struct CourseCatalog: Codable, Sendable, Equatable {
    public var courses: [Course]

    public init(courses: [Course]) { self.courses = courses }

    /// Decodes and validates (see `validate()`). The error names the field and says what is
    /// expected there.
    public static func parse(_ data: Data) throws(CatalogError) -> CourseCatalog {
        let catalog: CourseCatalog
        do {
            catalog = try JSONDecoder().decode(CourseCatalog.self, from: data)
        } catch let error as DecodingError {
            throw CatalogError(decoding: error)
        } catch {
            throw CatalogError(path: "", message: "cannot be read: \(error)")
        }
        try catalog.validate()
        return catalog
    }
}

extension CatalogError {
    /// A decoding error as the field it is about and what that field must be.
    init(decoding error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            let keys = context.codingPath + [key]
            self.init(path: Self.path(keys), message: "is missing; it must be \(Self.expectation(keys))")
        case .valueNotFound(_, let context):
            self.init(path: Self.path(context.codingPath), message: "is null; it must be \(Self.expectation(context.codingPath))")
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            self.init(path: "", message: "a catalog must be a JSON object {\"courses\": [...]}")
        case .typeMismatch(_, let context):
            self.init(path: Self.path(context.codingPath), message: "must be \(Self.expectation(context.codingPath))")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            self.init(path: "", message: "the catalog is not valid JSON (\(context.debugDescription))")
        case .dataCorrupted(let context):
            self.init(path: Self.path(context.codingPath), message: "must be \(Self.expectation(context.codingPath))")
        @unknown default:
            self.init(path: "", message: "cannot be read: \(error)")
        }
    }

    /// `courses[1].learningOutcomes[0].id`.
    static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { text, key in
            if let index = key.intValue { return text + "[\(index)]" }
            return text.isEmpty ? key.stringValue : text + "." + key.stringValue
        }
    }

    /// What the field named by the last key of `keys` must hold, for people.
    static func expectation(_ keys: [any CodingKey]) -> String {
        guard let last = keys.last else { return "a JSON object {\"courses\": [...]}" }
        if last.intValue != nil {
            let parent = keys.dropLast().last?.stringValue
            return parent == "courses" ? "a course object" : parent == "learningOutcomes" ? "a learning outcome object" : "an object"
        }
        let parent = keys.dropLast().last(where: { $0.intValue == nil })?.stringValue
        switch last.stringValue {
        case "courses": return "a list of courses"
        case "id": return "an absolute IRI such as https://catalog.vet-centre.example/…"
        case "title", "description", "text": return "a non-empty string"
        case "name" where parent == "awardingBody": return "the awarding body's name, a non-empty string"
        case "qualityAssurance": return "a non-empty string saying how quality is assured"
        case "language": return "a BCP 47 language tag such as en or de-AT"
        case "eqfLevel": return "an EQF level, a whole number from 1 to 8"
        case "ectsCredits": return "a number of ECTS credits more than 0 and at most 60"
        case "ecvetPoints": return "a number of ECVET points more than 0"
        case "workloadHours": return "a whole number of hours more than 0"
        case "learningOutcomes": return "a list of at least one learning outcome"
        case "escoSkill": return "an ESCO skill URI such as http://data.europa.eu/esco/skill/…"
        case "assessment": return "one of " + AssessmentType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        case "participation": return "one of " + ParticipationForm.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        case "awardingBody": return "an object with name, country and optionally url"
        case "country": return "an ISO 3166-1 alpha-2 code such as AT or PT"
        case "url": return "an absolute URL such as https://…"
        default: return "a value of the right type"
        }
    }
}
