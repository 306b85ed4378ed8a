import CredentialPages
import Credentials
import PageText
import WalletAPI

/// One credential: every element a person reads (the details the export page shows), and the
/// two ways to hand it to an employer: the signed file to download, and the printable page
/// with its QR code. Both are forms (POST): an export is signed with the learner's key and
/// written to the audit log.
///
/// ```swift
/// let html = CredentialPage.html(item: item, summary: summary, error: nil, context: context)
/// ```
public enum CredentialPage {
    /// The export form's `format` values.
    public enum Format: String, Sendable { case json, html }

    public static func html(item: CredentialListItem, summary: MicroCredentialSummary?, error: String?, context: PageContext) -> String {
        let words = context.words
        let e = HTML.escape
        var body = "<p><a href=\"\(WalletPaths.credentials)\">\(e(words[.backToCredentials]))</a></p>"
        body += "<h1>\(e(item.title))</h1>"
        body += WalletPageFrame.message(error, kind: "error")
        let status = CredentialsPage.status(item, words: words)
        if let summary {
            body += "<h2>\(e(words[.credentialDetails]))</h2>" + CredentialDetails.list(summary, status: status, language: words.language)
        } else {
            body += "<p>\(e(words[.credentialStatus])): <strong>\(e(status))</strong></p>"
        }
        if item.problem == nil {
            body += "<section class=\"card\"><h2>\(e(words[.exportTitle]))</h2><p>\(e(words[.exportHint]))</p>"
            for (format, key, style) in [(Format.json, TextKey.exportDownload, ""), (.html, .exportPrint, " class=\"secondary\"")] {
                body += "<form class=\"inline\" method=\"post\" action=\"\(e(WalletPaths.export(item.id)))\">\(context.tokenField)"
                    + "<input type=\"hidden\" name=\"format\" value=\"\(format.rawValue)\">"
                    + "<button type=\"submit\"\(style)>\(e(words[key]))</button></form>"
            }
            body += "</section>"
        }
        return WalletPageFrame.document(title: item.title, body: body, context: context)
    }
}
