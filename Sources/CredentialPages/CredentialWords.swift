import Credentials
import Foundation

/// The plain words pages use for a credential's coded values, numbers and dates.
///
/// ```swift
/// CredentialWords.assessment("supervised")   // "supervised: an assessor registered with the awarding body signed off each learning outcome"
/// CredentialWords.number(2.5)                // "2.5"
/// ```
enum CredentialWords {
    static func assessment(_ code: String?) -> String {
        switch code {
        case "supervised"?: "supervised: an assessor registered with the awarding body signed off each learning outcome"
        case "self-assessed"?: "self-assessed: the learner passed the course's own assessments"
        case let other?: other
        case nil: "not stated"
        }
    }

    static func participation(_ code: String?) -> String {
        switch code {
        case "onsite"?: "on site"
        case "online"?: "online"
        case "blended"?: "blended (on site and online)"
        case let other?: other
        case nil: "not stated"
        }
    }

    /// The learner's name as a page shows it, escaped: in large type with "identity checked by
    /// <assessor>" when an assessor vouched for it, or with "name given by the learner, not
    /// checked" when the learner wrote it themselves (`MicroCredentialSummary.learnerNameSource`).
    static func learnerHTML(_ summary: MicroCredentialSummary) -> String {
        let e = HTMLText.escape
        guard let name = summary.learnerName, let source = summary.learnerNameSource else { return "not named" }
        let kind = summary.learnerNameIsChecked ? "name-checked" : "name-unchecked"
        return "<span class=\"learner-name\">\(e(name))</span><br><span class=\"\(kind)\">\(e(source))</span>"
    }

    /// `2` for 2, `2.5` for 2.5: never `2.0`.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `2026-11-22` (UTC).
    static func day(_ date: Date?) -> String {
        guard let date else { return "not stated" }
        return String(CredentialDate.string(from: date).prefix(10))
    }

    static func workload(_ summary: MicroCredentialSummary) -> String {
        var parts: [String] = []
        if let ects = summary.ectsCredits { parts.append("\(number(ects)) ECTS credits") }
        if let ecvet = summary.ecvetPoints { parts.append("\(number(ecvet)) ECVET points") }
        if let hours = summary.workloadHours { parts.append("about \(number(hours)) hours of study") }
        return parts.isEmpty ? "not stated" : parts.joined(separator: ", ")
    }

    /// A query value: everything but unreserved characters percent-encoded.
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// `<verificationPage>?credential=<id>`, the address the QR code opens.
    static func verificationURL(page: String, credential id: String) -> String {
        page + (page.contains("?") ? "&" : "?") + "credential=" + queryValue(id)
    }
}
