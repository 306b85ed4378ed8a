import Credentials
import Foundation
import PageText

/// The plain words pages use for a credential's coded values, numbers and dates, in the page's
/// language (`PageText` catalogue).
///
/// ```swift
/// CredentialWords.assessment("supervised", words: PageLanguage.english.words)   // "supervised: an assessor registered with the awarding body signed off each learning outcome"
/// CredentialWords.number(2.5)                                                    // "2.5"
/// ```
enum CredentialWords {
    static func assessment(_ code: String?, words: Words) -> String {
        switch code {
        case "supervised"?: words[.cdAssessmentSupervised]
        case "self-assessed"?: words[.cdAssessmentSelf]
        case let other?: other
        case nil: words[.cdNotStated]
        }
    }

    static func participation(_ code: String?, words: Words) -> String {
        switch code {
        case "onsite"?: words[.cdOnSite]
        case "online"?: words[.cdOnline]
        case "blended"?: words[.cdBlended]
        case let other?: other
        case nil: words[.cdNotStated]
        }
    }

    /// "identity checked by Bo Berg: photo ID", or "name given by the learner, not checked"
    /// (as `MicroCredentialSummary.learnerNameSource`, in the page's language); nil when the
    /// credential names no one.
    static func nameSource(_ summary: MicroCredentialSummary, words: Words) -> String? {
        guard summary.learnerName != nil else { return nil }
        guard let identity = summary.identity else { return words[.cdNameNotChecked] }
        return words(.cdNameChecked, ["who": identity.verifierName ?? identity.verifiedBy ?? words[.cdTheAssessor],
                                      "check": identity.identityCheck])
    }

    /// "Ana Pereira (identity checked by Bo Berg: photo ID)", unescaped.
    static func nameWithSource(_ summary: MicroCredentialSummary, words: Words) -> String? {
        guard let name = summary.learnerName, let source = nameSource(summary, words: words) else { return nil }
        return "\(name) (\(source))"
    }

    /// The learner's name as a page shows it, escaped: in large type with "identity checked by
    /// <assessor>" when an assessor vouched for it, or with "name given by the learner, not
    /// checked" when the learner wrote it themselves (`MicroCredentialSummary.learnerNameSource`).
    static func learnerHTML(_ summary: MicroCredentialSummary, words: Words) -> String {
        let e = HTMLText.escape
        guard let name = summary.learnerName, let source = nameSource(summary, words: words) else { return e(words[.cdNotNamed]) }
        let kind = summary.learnerNameIsChecked ? "name-checked" : "name-unchecked"
        return "<span class=\"learner-name\">\(e(name))</span><br><span class=\"\(kind)\">\(e(source))</span>"
    }

    /// `2` for 2, `2.5` for 2.5: never `2.0`.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `2026-11-22` (UTC); the ISO form reads the same in every language.
    static func day(_ date: Date?, words: Words) -> String {
        guard let date else { return words[.cdNotStated] }
        return String(CredentialDate.string(from: date).prefix(10))
    }

    static func workload(_ summary: MicroCredentialSummary, words: Words) -> String {
        var parts: [String] = []
        if let ects = summary.ectsCredits { parts.append(words(.cdECTS, ["count": number(ects)])) }
        if let ecvet = summary.ecvetPoints { parts.append(words(.cdECVET, ["count": number(ecvet)])) }
        if let hours = summary.workloadHours { parts.append(words(.cdHours, ["count": number(hours)])) }
        return parts.isEmpty ? words[.cdNotStated] : parts.joined(separator: ", ")
    }

    /// A query value: everything but unreserved characters percent-encoded.
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// `<verificationPage>?credential=<id>`, the address the QR code opens. It names no language:
    /// the employer who scans it reads the page in their browser's language.
    static func verificationURL(page: String, credential id: String) -> String {
        page + (page.contains("?") ? "&" : "?") + "credential=" + queryValue(id)
    }
}
