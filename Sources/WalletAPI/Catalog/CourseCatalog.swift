import Foundation

/// The course catalog the repository publishes and every PC keeps read-only.
///
/// ```swift
/// let catalog = try CourseCatalog.parse(Data(contentsOf: url))
/// ```
public struct CourseCatalog: Codable, Sendable, Equatable {
    public var courses: [Course]

    public init(courses: [Course]) { self.courses = courses }

    /// Decodes and validates; the error names the field and says what is expected.
    public static func parse(_ data: Data) throws(CatalogError) -> CourseCatalog {
        let catalog: CourseCatalog
        do {
            catalog = try JSONDecoder().decode(CourseCatalog.self, from: data)
        } catch DecodingError.keyNotFound(let key, let context) {
            throw CatalogError(path: CatalogError.path(context.codingPath + [key]), message: "is missing")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw CatalogError(path: CatalogError.path(context.codingPath), message: "has the wrong type")
        } catch DecodingError.dataCorrupted(let context) {
            throw CatalogError(path: CatalogError.path(context.codingPath), message: context.codingPath.isEmpty ? "the file is not JSON" : "has a value that is not allowed (\(context.debugDescription))")
        } catch {
            throw CatalogError(path: "", message: "cannot be read: \(error)")
        }
        try catalog.validate()
        return catalog
    }

    func validate() throws(CatalogError) {
        guard !courses.isEmpty else { throw CatalogError(path: "courses", message: "lists no course") }
        var courseIDs = Set<String>()
        var outcomeIDs = Set<String>()
        for (i, course) in courses.enumerated() {
            let at = "courses[\(i)]"
            try Self.iri(course.id, at + ".id")
            guard courseIDs.insert(course.id).inserted else { throw CatalogError(path: at + ".id", message: "repeats another course's id") }
            for (field, text) in [("title", course.title), ("description", course.description), ("qualityAssurance", course.qualityAssurance),
                                  ("awardingBody.name", course.awardingBody.name)] where text.trimmingCharacters(in: .whitespaces).isEmpty {
                throw CatalogError(path: "\(at).\(field)", message: "must not be empty")
            }
            guard Self.isLanguageTag(course.language) else { throw CatalogError(path: at + ".language", message: "must be a BCP 47 language tag such as en or de-AT") }
            guard (1...8).contains(course.eqfLevel) else { throw CatalogError(path: at + ".eqfLevel", message: "must be an EQF level from 1 to 8") }
            guard course.ectsCredits > 0, course.ectsCredits <= 60 else { throw CatalogError(path: at + ".ectsCredits", message: "must be more than 0 and at most 60") }
            if let points = course.ecvetPoints, !(points > 0 && points <= 120) { throw CatalogError(path: at + ".ecvetPoints", message: "must be more than 0 and at most 120") }
            if let hours = course.workloadHours, !(1...2_000).contains(hours) { throw CatalogError(path: at + ".workloadHours", message: "must be 1 to 2000 hours") }
            let country = course.awardingBody.country
            guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw CatalogError(path: at + ".awardingBody.country", message: "must be an ISO 3166-1 alpha-2 code such as AT or PT")
            }
            guard !course.learningOutcomes.isEmpty else { throw CatalogError(path: at + ".learningOutcomes", message: "must list at least one learning outcome") }
            for (j, outcome) in course.learningOutcomes.enumerated() {
                let path = "\(at).learningOutcomes[\(j)]"
                try Self.iri(outcome.id, path + ".id")
                guard outcomeIDs.insert(outcome.id).inserted else { throw CatalogError(path: path + ".id", message: "repeats another learning outcome's id") }
                guard !outcome.text.trimmingCharacters(in: .whitespaces).isEmpty else { throw CatalogError(path: path + ".text", message: "must not be empty") }
                if let skill = outcome.escoSkill { try Self.iri(skill, path + ".escoSkill") }
            }
        }
    }

    static func iri(_ text: String, _ path: String) throws(CatalogError) {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex,
              text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
              text[text.index(after: colon)...].count > 0, !text.contains(where: { $0.isWhitespace })
        else { throw CatalogError(path: path, message: "must be an absolute IRI such as https://catalog.example.org/…") }
    }

    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}

/// A catalog that cannot be published: where, and what is expected there.
public struct CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { path.isEmpty ? message : "\(path) \(message)" }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { text, key in
            if let index = key.intValue { return text + "[\(index)]" }
            return text.isEmpty ? key.stringValue : text + "." + key.stringValue
        }
    }
}
