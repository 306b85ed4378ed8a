import Foundation

/// The rules a decoded catalog must meet, checked in document order; the first broken rule is
/// thrown with its path.
///
/// ```swift
/// let catalog = CourseCatalog(courses: [course])
/// try catalog.validate()   // CatalogError "courses[0].eqfLevel must be …"
/// ```
extension CourseCatalog {
    /// Every text present and non-empty, ids absolute IRIs, course ids unique, outcome ids unique
    /// across the whole catalog, EQF level 1…8, ECTS credits in (0, 60], ECVET points and
    /// workload hours above 0, the country two uppercase letters, the language a BCP 47 tag.
    public func validate() throws(CatalogError) {
        guard !courses.isEmpty else { throw CatalogError(path: "courses", message: "lists no course; a catalog needs at least one") }
        var courseIDs = Set<String>()
        var outcomeIDs: [String: String] = [:]
        var bodiesBySlug: [String: String] = [:]
        for (i, course) in courses.enumerated() {
            let at = "courses[\(i)]"
            try Self.requireIRI(course.id, at + ".id")
            guard courseIDs.insert(course.id).inserted else {
                throw CatalogError(path: at + ".id", message: "repeats the id of an earlier course; every course needs its own id")
            }
            try Self.requireText(course.title, at + ".title")
            try Self.requireText(course.description, at + ".description")
            guard Self.isLanguageTag(course.language) else {
                throw CatalogError(path: at + ".language", message: "must be a BCP 47 language tag such as en or de-AT")
            }
            guard (1...8).contains(course.eqfLevel) else {
                throw CatalogError(path: at + ".eqfLevel", message: "must be an EQF level from 1 to 8")
            }
            guard course.ectsCredits.isFinite, course.ectsCredits > 0, course.ectsCredits <= 60 else {
                throw CatalogError(path: at + ".ectsCredits", message: "must be more than 0 and at most 60 ECTS credits")
            }
            if let points = course.ecvetPoints, !(points.isFinite && points > 0) {
                throw CatalogError(path: at + ".ecvetPoints", message: "must be more than 0 ECVET points, or left out")
            }
            guard !course.learningOutcomes.isEmpty else {
                throw CatalogError(path: at + ".learningOutcomes", message: "must list at least one learning outcome")
            }
            for (j, outcome) in course.learningOutcomes.enumerated() {
                let path = "\(at).learningOutcomes[\(j)]"
                try Self.requireIRI(outcome.id, path + ".id")
                if let earlier = outcomeIDs[outcome.id] {
                    throw CatalogError(path: path + ".id", message: "repeats the id of \(earlier); learning outcome ids must be unique in the whole catalog")
                }
                outcomeIDs[outcome.id] = path
                try Self.requireText(outcome.text, path + ".text")
                if let skill = outcome.escoSkill {
                    try Self.requireIRI(skill, path + ".escoSkill", example: "an ESCO skill URI such as http://data.europa.eu/esco/skill/…")
                }
            }
            try Self.requireText(course.qualityAssurance, at + ".qualityAssurance")
            let body = course.awardingBody
            try Self.requireText(body.name, at + ".awardingBody.name")
            // The repository names an awarding body's issuer key and status list by its slug: two
            // bodies sharing one would sign with one key and revoke in one list.
            if let other = bodiesBySlug[body.slug], other != body.name {
                throw CatalogError(path: at + ".awardingBody.name",
                                   message: "'\(body.name)' and '\(other)' are different awarding bodies with the same key name '\(body.slug)'; write one of the names so they differ in more than accents, case or punctuation")
            }
            bodiesBySlug[body.slug] = body.name
            guard body.country.unicodeScalars.count == 2, body.country.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                throw CatalogError(path: at + ".awardingBody.country", message: "must be an ISO 3166-1 alpha-2 code, two uppercase letters such as AT or PT")
            }
            if let url = body.url {
                try Self.requireIRI(url, at + ".awardingBody.url", example: "an absolute URL such as https://…")
            }
            if let hours = course.workloadHours, hours <= 0 {
                throw CatalogError(path: at + ".workloadHours", message: "must be more than 0 hours, or left out")
            }
        }
    }

    static func requireText(_ text: String, _ path: String) throws(CatalogError) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CatalogError(path: path, message: "must not be empty")
        }
    }

    /// An absolute IRI: a scheme (a letter, then letters, digits, `+`, `-`, `.`), `:`, and a
    /// non-empty rest without spaces, control characters or `<>"{}|\^``.
    static func requireIRI(_ text: String, _ path: String,
                           example: String = "an absolute IRI such as https://catalog.vet-centre.example/…") throws(CatalogError) {
        guard isAbsoluteIRI(text) else { throw CatalogError(path: path, message: "must be \(example) (a scheme, a colon, no spaces)") }
    }

    static func isAbsoluteIRI(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let colon = scalars.firstIndex(of: ":"), colon > 0, colon < scalars.count - 1 else { return false }
        let isLetter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        guard isLetter(scalars[0]),
              scalars[1..<colon].allSatisfy({ isLetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) })
        else { return false }
        let forbidden = "<>\"{}|\\^`".unicodeScalars
        return scalars[(colon + 1)...].allSatisfy { scalar in
            !scalar.properties.isWhitespace && scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) && !forbidden.contains(scalar)
        }
    }

    /// The shape of a BCP 47 tag: a primary language subtag of 2–3 letters (ISO 639; no
    /// registered language has a longer one), then subtags of 1–8 letters or digits, separated
    /// by `-`.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.utf8.count),
              first.utf8.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.utf8.count)
                && part.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
        }
    }
}
