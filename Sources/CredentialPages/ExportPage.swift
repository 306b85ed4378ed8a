import Credentials
import Foundation
import Basics
import PageText

/// The printable page of an export (`wallet-cli export --format html`): one self-contained HTML
/// document (inline CSS, no external fetches) that a person reads — per credential the learner,
/// course, learning outcomes, workload, EQF level, awarding body, assessment, participation,
/// quality assurance, issue date and status at export time, with a QR code opening the
/// repository's verification page for it — and that a machine reads from the embedded
/// `<script type="application/json" id="wallet-export">`.
///
/// ```swift
/// let html = ExportPage.html(export: export, statuses: ["urn:uuid:…": "valid"], language: .dutch)
/// try html.write(toFile: "ana.html", atomically: true, encoding: .utf8)
/// let again = try ExportPage.embeddedExport(in: html)   // == export
/// ```
public enum ExportPage {
    public static let scriptID = "wallet-export"

    /// `statuses`: the status of each credential (by id) at export time, a code ("valid",
    /// "revoked", "suspended") or words; `verificationPage`: the repository's `/verify` address,
    /// by default the one the export's trust list names; `language`: the page's (the learner's
    /// choice: `wallet-cli export --language`, the wallet page's).
    public static func html(export: WalletExport, statuses: [String: String], verificationPage: String? = nil,
                            language: PageLanguage = .english) -> String {
        let e = HTMLText.escape
        let words = language.words
        let page = verificationPage ?? export.trustList.flatMap { try? TrustListContent(json: $0.credential) }?.verificationPage
        let credentials = export.presentation["verifiableCredential"]?.arrayValue ?? []
        let summaries = credentials.map { try? MicroCredentialSummary(json: $0) }
        // The heading names the learner as the credentials do: a checked name when one is, labelled otherwise.
        let learner = (summaries.lazy.compactMap { $0 }.first { $0.learnerNameIsChecked } ?? summaries.lazy.compactMap { $0 }.first)
            .flatMap { CredentialWords.nameWithSource($0, words: words) }
        let title = learner.map { words(.exTitleOf, ["learner": $0]) } ?? words[.exTitle]
        var body = "<h1>\(e(title))</h1>"
        body += "<p class=\"muted\">" + words.html(.exIntro, ["date": e(CredentialWords.day(export.exportedAt, words: words))]) + " "
        body += page.map { words.html(.exCheckOnline, ["page": "<span class=\"did\">\(e($0))</span>"]) }
            ?? words.html(.exCheckOffline, ["command": "<code>wallet-cli verify</code>"])
        body += "</p>"
        for (index, credential) in credentials.enumerated() {
            guard let summary = summaries[index] else {
                let reason = (credential["id"]?.stringValue).map { words(.exUnreadableId, ["id": $0]) } ?? words[.exNoId]
                body += "<section class=\"credential\"><div><h2>\(e(words(.exUnreadableTitle, ["number": String(index + 1)])))</h2><p>"
                    + words.html(.exUnreadable, ["reason": e(reason)]) + "</p></div></section>"
                continue
            }
            body += "<section class=\"credential\"><div><h2>\(e(summary.title))</h2>"
            let status = statuses[summary.id].map { words(.exStatusAtExport, ["status": words.statusWord($0)]) } ?? words[.exNotChecked]
            body += CredentialDetails.list(summary, status: status, language: language)
            body += "</div>"
            if let page {
                let url = CredentialWords.verificationURL(page: page, credential: summary.id)
                let svg = (try? QRCode(text: url))?.svg(moduleSize: 4) ?? ""
                body += "<div class=\"qr\">\(svg)<br>\(e(words[.exScan]))<br><span class=\"did\">\(e(url))</span></div>"
            }
            body += "</section>"
        }
        body += "<script type=\"application/json\" id=\"\(scriptID)\">\(embeddedJSON(export))</script>"
        return PageFrame.document(title: title, body: body, language: language)
    }

    /// The export's JSON made safe inside a `<script>` element: `</` becomes `<\/` (still the same
    /// JSON string) so no text can end the element, and `<!--` becomes `\u003c!--` so none can
    /// switch the HTML parser into its comment-escaped script states.
    public static func embeddedJSON(_ export: WalletExport) -> String {
        export.json.encodedString
            .replacingOccurrences(of: "</", with: "<\\/")
            .replacingOccurrences(of: "<!--", with: "\\u003c!--")
    }

    /// Reads the export back out of a page made by `html(export:statuses:verificationPage:)`.
    public static func embeddedExport(in html: String) throws(CredentialError) -> WalletExport {
        let open = "<script type=\"application/json\" id=\"\(scriptID)\">"
        guard let start = html.range(of: open), let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex) else {
            throw .invalid("the page carries no embedded wallet export (<script id=\"\(scriptID)\">)")
        }
        let text = html[start.upperBound..<end.lowerBound]
        let json: JSONValue
        do {
            json = try JSONValue(data: Data(text.utf8))
        } catch {
            throw .invalid("the page's embedded export is not valid JSON: \(error)")
        }
        return try WalletExport(json: json)
    }
}
