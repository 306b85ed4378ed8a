import Credentials
import Foundation
import Basics

/// The employer's pages that repositoryd serves: `GET /verify` (a form to paste or upload an
/// export, with optional challenge and domain), the result of `POST /verify` in plain language,
/// and `GET /verify?credential=ID` (where a QR code of the export page lands).
///
/// ```swift
/// // GET /verify
/// let form = VerifyPage.form()
/// // POST /verify (body: application/x-www-form-urlencoded)
/// let page = VerifyPage.respond(toForm: body, trustList: signedTrustList, trustAnchor: repositoryDID,
///                               statusLists: currentLists, now: Date())
/// // GET /verify?credential=urn:uuid:…
/// let one = VerifyPage.credential(id: id, summary: summary, status: "valid")
/// ```
public enum VerifyPage {
    public static let action = "/verify"

    /// The form's fields: `document` (the export's JSON, or a whole export page), `challenge`, `domain`.
    public static func form(challenge: String? = nil, domain: String? = nil, document: String? = nil, message: String? = nil) -> String {
        PageFrame.document(title: "Check a micro-credential", body: "<h1>Check a micro-credential</h1>"
            + (message.map { "<p class=\"verdict invalid\" style=\"font-size:1.1rem\">\(HTMLText.escape($0))</p>" } ?? "")
            + formSection(challenge: challenge, domain: domain, document: document))
    }

    /// The report of a check: the verdict in big letters, what each credential is, then every check.
    public static func result(_ report: VerificationReport, challenge: String? = nil, domain: String? = nil) -> String {
        let e = HTMLText.escape
        let kind = switch report.verdict {
        case .valid: "valid"
        case .invalid: "invalid"
        case .revoked: "revoked"
        case .suspended: "suspended"
        }
        var body = "<h1>Result of the check</h1><div class=\"verdict \(kind)\">\(e(report.verdict.headline))</div>"
        body += "<p>" + e(explanation(report.verdict)) + "</p>"
        if challenge == nil {
            body += "<p class=\"warn\">" + e(notBound) + "</p>"
        }
        for credential in report.credentials {
            body += "<section class=\"credential\" style=\"display:block\"><h2>\(e(credential.title))</h2>"
            if let summary = credential.summary {
                body += CredentialDetails.list(summary, status: credential.status)
            } else {
                body += "<p>Issued by \(e(credential.issuerName)); status \(e(credential.status)).</p>"
            }
            body += "</section>"
        }
        body += "<h2>Every check</h2><ul class=\"checks\">"
        for line in report.lines {
            body += "<li class=\"\(line.outcome.rawValue)\"><strong>\(e(line.check))</strong>"
                + (line.credential.map { " <span class=\"did\">\(e($0))</span>" } ?? "") + ": \(e(line.detail))</li>"
        }
        body += "</ul><h2 class=\"noprint\">Check another file</h2>" + formSection(challenge: challenge, domain: domain, document: nil)
        return PageFrame.document(title: "Check: \(report.verdict.headline)", body: body)
    }

    /// The page for one credential looked up by id (from a QR code). `summary` nil: not known here.
    public static func credential(id: String, summary: MicroCredentialSummary?, status: String?) -> String {
        let e = HTMLText.escape
        guard let summary else {
            return PageFrame.document(title: "Unknown credential", body: "<h1>Unknown credential</h1>"
                + "<div class=\"verdict invalid\">Not known here</div><p>This repository has issued no credential with the id "
                + "<span class=\"did\">\(e(id))</span>. Check that the address was copied whole, or ask the learner for the export file and check it below.</p>"
                + formSection(challenge: nil, domain: nil, document: nil))
        }
        let word = status ?? "unknown"
        let kind = ["valid": "valid", "revoked": "revoked", "suspended": "suspended"][word] ?? "invalid"
        let headline = switch word {
        case "valid": "Issued and not revoked"
        case "revoked": "Revoked"
        case "suspended": "Suspended"
        default: "Status unknown"
        }
        var body = "<h1>\(e(summary.title))</h1><div class=\"verdict \(kind)\">\(e(headline))</div>"
        body += "<p>\(e(summary.issuerName)) issued this micro-credential"
            + (summary.learnerNameWithSource.map { " to " + e($0) } ?? "") + " on \(e(CredentialWords.day(summary.validFrom))). "
        let meaning = switch word {
        case "valid": "The awarding body has neither revoked nor suspended it."
        case "revoked": "The awarding body has revoked it: it no longer stands."
        case "suspended": "The awarding body has suspended it for now; a suspension can be lifted."
        default: "Its status could not be read."
        }
        body += meaning
        body += " This page says what the repository issued; to be sure the person in front of you is the learner, "
            + "ask them for an export made for your challenge and check it below.</p>"
        body += "<section class=\"credential\" style=\"display:block\">" + CredentialDetails.list(summary, status: word) + "</section>"
        body += "<h2 class=\"noprint\">Check an export file</h2>" + formSection(challenge: nil, domain: nil, document: nil)
        return PageFrame.document(title: summary.title, body: body)
    }

    /// What the status lists of one `POST /verify` may inflate to: one list at the largest size a
    /// verifier reads, or hundreds of real ones (the repository's lists are 32 KiB). The page is
    /// public, so a file from anyone is held to it.
    public static let statusListBudgetBytes = StatusBitstring.maximumBytes

    /// `POST /verify`: reads the form, verifies the document against the repository's own trust
    /// list and status lists, and renders the result (or the form again with what was wrong).
    public static func respond(toForm body: some Collection<UInt8>, trustList: JSONValue?, trustAnchor: String?,
                               statusLists: [JSONValue], now: Date) -> String {
        let request: VerifyRequest
        do {
            request = try VerifyRequest(fields: FormBody.parse(body))
        } catch {
            return form(message: "\(error)")
        }
        let json: JSONValue
        do {
            json = try request.documentJSON()
        } catch {
            return form(challenge: request.challenge, domain: request.domain, document: request.document, message: "\(error)")
        }
        var options = VerificationOptions(challenge: request.challenge, domain: request.domain, statusLists: statusLists,
                                          trustList: trustList, trustAnchor: trustAnchor, now: now,
                                          statusListBudgetBytes: statusListBudgetBytes)
        options.statusListsAreLive = true
        return result(ExportVerifier.verify(json: json, options: options), challenge: request.challenge, domain: request.domain)
    }

    /// Said whenever no challenge was given: a valid file then shows who holds the credentials,
    /// not that it was made for this employer's request.
    static let notBound = "No challenge was given, so this file is not bound to your request: it shows the credentials and who holds them, but anyone who got a copy could show it too. To know the learner made it for you, give them a challenge (such as your job reference), ask for an export made with it, and enter it above when you check."

    static func explanation(_ verdict: VerificationReport.Verdict) -> String {
        switch verdict {
        case .valid: "Every signature checks out, the credentials belong to the person who presented them, they are in date, not revoked, and issued by awarding bodies this repository vouches for."
        case .invalid: "Do not rely on this file. The first problem found is named above; every check is listed below."
        case .revoked: "The signatures check out, but an awarding body has revoked a credential in this file: it no longer stands."
        case .suspended: "The signatures check out, but an awarding body has suspended a credential in this file for now; a suspension can be lifted."
        }
    }

    static func formSection(challenge: String?, domain: String?, document: String?) -> String {
        let e = HTMLText.escape
        return """
        <form method="post" action="\(action)" enctype="application/x-www-form-urlencoded" class="noprint">
        <label for="file">Upload the file the learner gave you (.json or .html)</label>
        <input type="file" id="file" accept=".json,.html,.htm,application/json,text/html">
        <label for="document">or paste its contents</label>
        <textarea id="document" name="document" required>\(e(document ?? ""))</textarea>
        <label for="challenge">Challenge you gave the learner (optional)</label>
        <input type="text" id="challenge" name="challenge" value="\(e(challenge ?? ""))" autocomplete="off">
        <label for="domain">Domain you gave the learner (optional)</label>
        <input type="text" id="domain" name="domain" value="\(e(domain ?? ""))" autocomplete="off">
        <button type="submit">Check</button>
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
