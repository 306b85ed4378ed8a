import Credentials
import Foundation
import Basics

/// The printable page of an export (`wallet-cli export --format html`): one self-contained HTML
/// document (inline CSS, no external fetches) that a person reads — per credential the learner,
/// course, learning outcomes, workload, EQF level, awarding body, assessment, participation,
/// quality assurance, issue date and status at export time, with a QR code opening the
/// repository's verification page for it — and that a machine reads from the embedded
/// `<script type="application/json" id="wallet-export">`.
///
/// ```swift
/// let html = ExportPage.html(export: export, statuses: ["urn:uuid:…": "valid"])
/// try html.write(toFile: "ana.html", atomically: true, encoding: .utf8)
/// let again = try ExportPage.embeddedExport(in: html)   // == export
/// ```
public enum ExportPage {
    public static let scriptID = "wallet-export"

    /// `statuses`: the status word of each credential (by id) at export time; `verificationPage`:
    /// the repository's `/verify` address, by default the one the export's trust list names.
    public static func html(export: WalletExport, statuses: [String: String], verificationPage: String? = nil) -> String {
        let e = HTMLText.escape
        let page = verificationPage ?? export.trustList.flatMap { try? TrustListContent(json: $0.credential) }?.verificationPage
        let credentials = export.presentation["verifiableCredential"]?.arrayValue ?? []
        let summaries = credentials.map { try? MicroCredentialSummary(json: $0) }
        // The heading names the learner as the credentials do: a checked name when one is, labelled otherwise.
        let learner = (summaries.lazy.compactMap { $0 }.first { $0.learnerNameIsChecked } ?? summaries.lazy.compactMap { $0 }.first)
            .flatMap(\.learnerNameWithSource)
        var body = "<h1>Micro-credentials" + (learner.map { " of " + e($0) } ?? "") + "</h1>"
        body += "<p class=\"muted\">Exported \(e(CredentialWords.day(export.exportedAt))) from a learner wallet. "
        body += "This page is a copy for reading; the signed credentials are embedded in it. "
        body += page.map { "To check them, scan a QR code or open <span class=\"did\">\(e($0))</span> and upload this file." }
            ?? "To check them, run <code>wallet-cli verify</code> on this file."
        body += "</p>"
        for (index, credential) in credentials.enumerated() {
            guard let summary = summaries[index] else {
                body += "<section class=\"credential\"><div><h2>Credential \(index + 1)</h2><p>This credential cannot be read as a micro-credential: "
                    + e((credential["id"]?.stringValue).map { "id \($0)" } ?? "it has no id") + ".</p></div></section>"
                continue
            }
            body += "<section class=\"credential\"><div><h2>\(e(summary.title))</h2>"
            body += CredentialDetails.list(summary, status: statuses[summary.id].map { "\($0) at export time" } ?? "not checked at export time")
            body += "</div>"
            if let page {
                let url = CredentialWords.verificationURL(page: page, credential: summary.id)
                let svg = (try? QRCode(text: url))?.svg(moduleSize: 4) ?? ""
                body += "<div class=\"qr\">\(svg)<br>Scan to check<br><span class=\"did\">\(e(url))</span></div>"
            }
            body += "</section>"
        }
        body += "<script type=\"application/json\" id=\"\(scriptID)\">\(embeddedJSON(export))</script>"
        return PageFrame.document(title: "Micro-credentials" + (learner.map { " of \($0)" } ?? ""), body: body)
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
