import PageText
import WalletAPI

/// The learner's credentials: each with its course, awarding body, issue date and status in
/// words, linking to its details page.
///
/// ```swift
/// let html = CredentialsPage.html(credentials: list.credentials, nextPage: list.next, context: context)
/// ```
public enum CredentialsPage {
    public static func html(credentials: [CredentialListItem], nextPage: String?, context: PageContext) -> String {
        let words = context.words
        let e = HTML.escape
        var body = "<h1>\(e(words[.credentialsTitle]))</h1>"
        if credentials.isEmpty { body += "<p>\(e(words[.credentialsNone]))</p>" }
        for item in credentials {
            body += "<section class=\"card\"><h2><a href=\"\(e(WalletPaths.credential(item.id)))\">\(e(item.title))</a></h2>"
            body += "<p>\(e(words(.credentialIssued, ["date": String((item.issued ?? "").prefix(10)), "issuer": item.awardingBody])))</p>"
            body += "<p>\(e(words[.credentialStatus])): <strong>\(e(status(item, words: words)))</strong></p></section>"
        }
        if let nextPage { body += "<p><a href=\"\(e(nextPage))\">\(e(words[.profilesMore]))</a></p>" }
        return WalletPageFrame.document(title: words[.credentialsTitle], body: body, context: context)
    }

    /// The status of a held credential in the page's words.
    public static func status(_ item: CredentialListItem, words: Words) -> String {
        if let problem = item.problem { return words(.statusProblem, ["problem": problem]) }
        switch item.status {
        case "valid": return words[.statusValid]
        case "revoked": return words[.statusRevoked]
        case "suspended": return words[.statusSuspended]
        default: return words[.statusUnchecked]
        }
    }
}
