import Credentials
import PageText

/// The `<dl>` of every element of one micro-credential a person reads, shared by the export page,
/// the verification page and the wallet's credential page (all text escaped), in `language`.
///
/// ```swift
/// let html = CredentialDetails.list(summary, status: "valid", language: .dutch)
/// ```
public enum CredentialDetails {
    /// `status`: already in words (the caller's), shown as given.
    public static func list(_ s: MicroCredentialSummary, status: String?, language: PageLanguage = .english) -> String {
        let e = HTMLText.escape
        let words = language.words
        var rows: [(TextKey, String)] = []
        rows.append((.cdLearner, CredentialWords.learnerHTML(s, words: words) + (s.subjectDID.map { "<br><span class=\"did\">\(e($0))</span>" } ?? "")))
        if let description = s.description { rows.append((.cdDescription, e(description))) }
        let outcomes = s.outcomes.isEmpty ? e(words[.cdNoneListed]) : "<ul>" + s.outcomes.map { "<li>\(e($0.text))</li>" }.joined() + "</ul>"
        rows.append((.cdOutcomes, outcomes))
        rows.append((.cdWorkload, e(CredentialWords.workload(s, words: words))))
        rows.append((.cdEQFLevel, e(s.eqfLevel.map { words(.cdEQFLevelValue, ["level": String($0)]) } ?? words[.cdNotStated])))
        rows.append((.cdAwardingBody, e(s.issuerName) + (s.issuerCountry.map { " (" + e($0) + ")" } ?? "")
            + "<br><span class=\"did\">\(e(s.issuerDID))</span>"))
        rows.append((.cdAssessment, e(CredentialWords.assessment(s.assessmentType, words: words))))
        rows.append((.cdParticipation, e(CredentialWords.participation(s.participationForm, words: words))))
        rows.append((.cdQualityAssurance, e(s.qualityAssurance ?? words[.cdNotStated])))
        rows.append((.cdIssued, e(CredentialWords.day(s.validFrom, words: words))))
        if let until = s.validUntil { rows.append((.cdValidUntil, e(CredentialWords.day(until, words: words)))) }
        if let status { rows.append((.cdStatus, "<strong>\(e(status))</strong>")) }
        rows.append((.cdCredentialId, "<span class=\"did\">\(e(s.id))</span>"))
        return "<dl>" + rows.map { "<dt>\(e(words[$0.0]))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }
}
