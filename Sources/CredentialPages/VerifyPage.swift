import Credentials
import Foundation
import Basics
import PageText

/// The employer's pages that repositoryd serves: `GET /verify` (a form to paste or upload an
/// export, with optional challenge and domain), the result of `POST /verify` in plain language,
/// and `GET /verify?credential=ID` (where a QR code of the export page lands).
///
/// ```swift
/// // GET /verify
/// let form = VerifyPage.form(language: .dutch)
/// // POST /verify (body: application/x-www-form-urlencoded)
/// let page = VerifyPage.respond(toForm: body, trustList: signedTrustList, trustAnchor: repositoryDID,
///                               statusLists: currentLists, now: Date())
/// // GET /verify?credential=urn:uuid:…
/// let one = VerifyPage.credential(id: id, summary: summary, status: "valid")
/// ```
public enum VerifyPage {
    public static let action = "/verify"
    /// The query parameter and form field that choose the page's language (`?lang=nl`); without
    /// it the route negotiates from `Accept-Language` (`PageLanguage.negotiate`).
    public static let languageField = "lang"

    /// The form's fields: `document` (the export's JSON, or a whole export page), `challenge`, `domain`.
    public static func form(challenge: String? = nil, domain: String? = nil, document: String? = nil, message: String? = nil,
                            language: PageLanguage = .english) -> String {
        let words = language.words
        return PageFrame.document(title: words[.vfTitle], body: languageLinks(language, query: nil) + "<h1>\(HTMLText.escape(words[.vfTitle]))</h1>"
            + (message.map { "<p class=\"verdict invalid\" style=\"font-size:1.1rem\">\(HTMLText.escape($0))</p>" } ?? "")
            + formSection(challenge: challenge, domain: domain, document: document, language: language), language: language)
    }

    /// The verdict in words: "Valid", "Not valid: <reason>" (the reason as the verifier gives it), …
    static func headline(_ verdict: VerificationReport.Verdict, words: Words) -> String {
        switch verdict {
        case .valid: words[.vfValid]
        case .invalid(let reason): words(.vfInvalid, ["reason": reason])
        case .revoked: words[.vfRevoked]
        case .suspended: words[.vfSuspended]
        }
    }

    /// The report of a check: the verdict in big letters, what each credential is, then every check.
    public static func result(_ report: VerificationReport, challenge: String? = nil, domain: String? = nil,
                              language: PageLanguage = .english) -> String {
        let e = HTMLText.escape
        let words = language.words
        let kind = switch report.verdict {
        case .valid: "valid"
        case .invalid: "invalid"
        case .revoked: "revoked"
        case .suspended: "suspended"
        }
        let headline = Self.headline(report.verdict, words: words)
        var body = languageLinks(language, query: nil)
        body += "<h1>\(e(words[.vfResultTitle]))</h1><div class=\"verdict \(kind)\">\(e(headline))</div>"
        body += "<p>" + e(explanation(report.verdict, words: words)) + "</p>"
        // No challenge: a valid file then shows who holds the credentials, not that it was made for this employer.
        if challenge == nil {
            body += "<p class=\"warn\">" + e(words[.vfNotBound]) + "</p>"
        }
        for credential in report.credentials {
            body += "<section class=\"credential\" style=\"display:block\"><h2>\(e(credential.title))</h2>"
            if let summary = credential.summary {
                body += CredentialDetails.list(summary, status: words.statusWord(credential.status), language: language)
            } else {
                body += "<p>" + e(words(.vfIssuedBy, ["issuer": credential.issuerName, "status": words.statusWord(credential.status)])) + "</p>"
            }
            body += "</section>"
        }
        body += "<h2>\(e(words[.vfEveryCheck]))</h2>"
        // The checks' own names and details are the verifier's (as `wallet-cli verify` prints them).
        if language != .english { body += "<p class=\"muted\">\(e(words[.vfChecksInEnglish]))</p>" }
        body += "<ul class=\"checks\" lang=\"en\">"
        for line in report.lines {
            body += "<li class=\"\(line.outcome.rawValue)\"><strong>\(e(line.check))</strong>"
                + (line.credential.map { " <span class=\"did\">\(e($0))</span>" } ?? "") + ": \(e(line.detail))</li>"
        }
        body += "</ul><h2 class=\"noprint\">\(e(words[.vfCheckAnother]))</h2>"
            + formSection(challenge: challenge, domain: domain, document: nil, language: language)
        return PageFrame.document(title: words(.vfPageTitle, ["headline": headline]), body: body, language: language)
    }

    /// The page for one credential looked up by id (from a QR code). `summary` nil: not known here.
    public static func credential(id: String, summary: MicroCredentialSummary?, status: String?, language: PageLanguage = .english) -> String {
        let e = HTMLText.escape
        let words = language.words
        let query = "credential=" + CredentialWords.queryValue(id)
        guard let summary else {
            return PageFrame.document(title: words[.vfUnknownTitle], body: languageLinks(language, query: query)
                + "<h1>\(e(words[.vfUnknownTitle]))</h1>"
                + "<div class=\"verdict invalid\">\(e(words[.vfNotKnown]))</div><p>"
                + words.html(.vfUnknownText, ["id": "<span class=\"did\">\(e(id))</span>"]) + "</p>"
                + formSection(challenge: nil, domain: nil, document: nil, language: language), language: language)
        }
        let word = status ?? "unknown"
        let kind = ["valid": "valid", "revoked": "revoked", "suspended": "suspended"][word] ?? "invalid"
        let (headline, meaning): (TextKey, TextKey) = switch word {
        case "valid": (.vfHeadValid, .vfMeanValid)
        case "revoked": (.vfRevoked, .vfMeanRevoked)
        case "suspended": (.vfSuspended, .vfMeanSuspended)
        default: (.vfHeadUnknown, .vfMeanUnknown)
        }
        var body = languageLinks(language, query: query)
        body += "<h1>\(e(summary.title))</h1><div class=\"verdict \(kind)\">\(e(words[headline]))</div>"
        let day = CredentialWords.day(summary.validFrom, words: words)
        let issued = CredentialWords.nameWithSource(summary, words: words).map {
            words(.vfIssuedTo, ["issuer": summary.issuerName, "learner": $0, "date": day])
        } ?? words(.vfIssuedNoLearner, ["issuer": summary.issuerName, "date": day])
        body += "<p>" + e(issued + " " + words[meaning] + " " + words[.vfBeSure]) + "</p>"
        body += "<section class=\"credential\" style=\"display:block\">"
            + CredentialDetails.list(summary, status: words.statusWord(word), language: language) + "</section>"
        body += "<h2 class=\"noprint\">\(e(words[.vfCheckExport]))</h2>" + formSection(challenge: nil, domain: nil, document: nil, language: language)
        return PageFrame.document(title: summary.title, body: body, language: language)
    }

    /// What the status lists of one `POST /verify` may inflate to: one list at the largest size a
    /// verifier reads, or hundreds of real ones (the repository's lists are 32 KiB). The page is
    /// public, so a file from anyone is held to it.
    public static let statusListBudgetBytes = StatusBitstring.maximumBytes

    /// `POST /verify`: reads the form, verifies the document against the repository's own trust
    /// list and status lists, and renders the result (or the form again with what was wrong).
    /// The form's `lang` field (the language the form was shown in) wins over `language`.
    public static func respond(toForm body: some Collection<UInt8>, trustList: JSONValue?, trustAnchor: String?,
                               statusLists: [JSONValue], now: Date, language: PageLanguage = .english) -> String {
        var language = language
        let request: VerifyRequest
        do {
            let fields = try FormBody.parse(body)
            language = PageLanguage(choice: fields[languageField]) ?? language
            guard fields["document"].map({ !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) == true else {
                return form(challenge: fields["challenge"], domain: fields["domain"], message: language.words[.vfNoDocument], language: language)
            }
            request = try VerifyRequest(fields: fields)
        } catch {
            return form(message: "\(error)", language: language)
        }
        let json: JSONValue
        do {
            json = try request.documentJSON()
        } catch {
            return form(challenge: request.challenge, domain: request.domain, document: request.document, message: "\(error)", language: language)
        }
        var options = VerificationOptions(challenge: request.challenge, domain: request.domain, statusLists: statusLists,
                                          trustList: trustList, trustAnchor: trustAnchor, now: now,
                                          statusListBudgetBytes: statusListBudgetBytes)
        options.statusListsAreLive = true
        return result(ExportVerifier.verify(json: json, options: options), challenge: request.challenge, domain: request.domain, language: language)
    }

    static func explanation(_ verdict: VerificationReport.Verdict, words: Words) -> String {
        switch verdict {
        case .valid: words[.vfExplainValid]
        case .invalid: words[.vfExplainInvalid]
        case .revoked: words[.vfExplainRevoked]
        case .suspended: words[.vfExplainSuspended]
        }
    }

    /// Links to the page in each other language (`?lang=nl`, keeping `query`), each named in
    /// itself and marked with its language.
    static func languageLinks(_ current: PageLanguage, query: String?) -> String {
        let e = HTMLText.escape
        let links = PageLanguage.allCases.filter { $0 != current }.map { other in
            let href = action + "?" + (query.map { $0 + "&" } ?? "") + languageField + "=" + other.tag
            return "<a href=\"\(e(href))\" hreflang=\"\(other.tag)\" lang=\"\(other.tag)\">\(e(other.ownName))</a>"
        }
        return "<nav class=\"languages noprint\" aria-label=\"\(e(current.words[.languageLabel]))\">" + links.joined(separator: " · ") + "</nav>"
    }

    static func formSection(challenge: String?, domain: String?, document: String?, language: PageLanguage = .english) -> String {
        let e = HTMLText.escape
        let words = language.words
        return """
        <form method="post" action="\(action)" enctype="application/x-www-form-urlencoded" class="noprint">
        <input type="hidden" name="\(languageField)" value="\(language.tag)">
        <label for="file">\(e(words[.vfUpload]))</label>
        <input type="file" id="file" accept=".json,.html,.htm,application/json,text/html">
        <label for="document">\(e(words[.vfPaste]))</label>
        <textarea id="document" name="document" required>\(e(document ?? ""))</textarea>
        <label for="challenge">\(e(words[.vfChallenge]))</label>
        <input type="text" id="challenge" name="challenge" value="\(e(challenge ?? ""))" autocomplete="off">
        <label for="domain">\(e(words[.vfDomain]))</label>
        <input type="text" id="domain" name="domain" value="\(e(domain ?? ""))" autocomplete="off">
        <button type="submit">\(e(words[.vfCheckButton]))</button>
        </form>
        <script>\(fileReaderScript)</script>
        """
    }

    /// The page's one script (reads a chosen file into the text box). Constant, so the page's
    /// Content-Security-Policy names it by hash (`PageSecurityHeaders`) and allows no other.
    static let fileReaderScript = """
        document.getElementById("file").addEventListener("change", function (event) {
          var file = event.target.files[0];
          if (!file) return;
          file.text().then(function (text) { document.getElementById("document").value = text; });
        });
        """
}

/// The verification form's fields, read and bounded.
///
/// ```swift
/// let request = try VerifyRequest(fields: FormBody.parse(body))
/// let json = try request.documentJSON()   // the export, also when a whole export page was pasted
/// ```
public struct VerifyRequest: Sendable, Equatable {
    public var document: String
    public var challenge: String?
    public var domain: String?

    public init(fields: [String: String]) throws(CredentialError) {
        guard let document = fields["document"]?.trimmingCharacters(in: .whitespacesAndNewlines), !document.isEmpty else {
            throw .invalid("paste the export file's contents or choose the file, then press Check")
        }
        func optional(_ name: String) -> String? {
            guard let value = fields[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        self.document = document
        challenge = optional("challenge")
        domain = optional("domain")
    }

    /// The JSON to verify: the text itself, or the export embedded in an export page.
    public func documentJSON() throws(CredentialError) -> JSONValue {
        if document.hasPrefix("<") {
            return try ExportPage.embeddedExport(in: document).json
        }
        do {
            return try JSONValue(data: Data(document.utf8))
        } catch {
            throw .invalid("the text is not a JSON export or an export page: \(error)")
        }
    }
}
