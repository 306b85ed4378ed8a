import Credentials

/// The `<dl>` of every element of one micro-credential a person reads, shared by the export page
/// and the verification page (all text escaped).
///
/// ```swift
/// let html = CredentialDetails.list(summary, status: "valid")
/// ```
public enum CredentialDetails {
    public static func list(_ s: MicroCredentialSummary, status: String?) -> String {
        let e = HTMLText.escape
        var rows: [(String, String)] = []
        rows.append(("Learner", CredentialWords.learnerHTML(s) + (s.subjectDID.map { "<br><span class=\"did\">\(e($0))</span>" } ?? "")))
        if let description = s.description { rows.append(("Description", e(description))) }
        let outcomes = s.outcomes.isEmpty ? "none listed" : "<ul>" + s.outcomes.map { "<li>\(e($0.text))</li>" }.joined() + "</ul>"
        rows.append(("Learning outcomes", outcomes))
        rows.append(("Workload", e(CredentialWords.workload(s))))
        rows.append(("EQF level", s.eqfLevel.map { "level \($0) of the European Qualifications Framework" } ?? "not stated"))
        rows.append(("Awarding body", e(s.issuerName) + (s.issuerCountry.map { " (" + e($0) + ")" } ?? "")
            + "<br><span class=\"did\">\(e(s.issuerDID))</span>"))
        rows.append(("Assessment", e(CredentialWords.assessment(s.assessmentType))))
        rows.append(("Participation", e(CredentialWords.participation(s.participationForm))))
        rows.append(("Quality assurance", e(s.qualityAssurance ?? "not stated")))
        rows.append(("Issued", e(CredentialWords.day(s.validFrom))))
        if let until = s.validUntil { rows.append(("Valid until", e(CredentialWords.day(until)))) }
        if let status { rows.append(("Status", "<strong>\(e(status))</strong>")) }
        rows.append(("Credential id", "<span class=\"did\">\(e(s.id))</span>"))
        return "<dl>" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }
}
