import PageText

/// The shell of every wallet page: the document head (the style sheet by URL: the pages' CSP
/// allows no inline style or script), a skip link, the header with the menu, the language
/// choice and the logout button when someone is logged in, then the page's own content.
///
/// ```swift
/// let html = WalletPageFrame.document(title: words[.coursesTitle], body: "<h1>…</h1>", context: context)
/// ```
enum WalletPageFrame {
    /// - Parameter head: more of `<head>` (already escaped HTML): the lesson return page's refresh.
    static func document(title: String, body: String, context: PageContext, head: String = "") -> String {
        let words = context.words
        let e = HTML.escape
        var header = "<header><span class=\"app\">\(e(words[.appName]))</span>"
        if let name = context.learnerName {
            header += "<nav aria-label=\"\(e(words[.mainNavigation]))\"><ul>"
            for (section, path, key) in [(PageContext.Section.courses, WalletPaths.courses, TextKey.navCourses),
                                         (.credentials, WalletPaths.credentials, .navCredentials),
                                         (.sync, WalletPaths.sync, .navSync)] {
                let current = section == context.section ? " aria-current=\"page\"" : ""
                header += "<li><a href=\"\(path)\"\(current)>\(e(words[key]))</a></li>"
            }
            header += "</ul></nav>"
            header += "<span class=\"muted\">\(e(words(.signedInAs, ["name": name])))</span>"
            header += "<form class=\"inline logout\" method=\"post\" action=\"\(WalletPaths.logout)\">\(context.tokenField)"
                + "<button type=\"submit\" class=\"secondary\">\(e(words[.logout]))</button></form>"
        }
        header += languageForm(context)
        header += "</header>"
        return """
        <!DOCTYPE html>
        <html lang="\(context.language.tag)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title)) · \(e(words[.appName]))</title>
        <link rel="stylesheet" href="\(WalletStyle.path)">
        \(head)</head>
        <body>
        <a class="skip" href="#main">\(e(words[.skipToContent]))</a>
        \(header)
        <main id="main">
        \(body)
        </main>
        </body>
        </html>

        """
    }

    static func languageForm(_ context: PageContext) -> String {
        let e = HTML.escape
        var form = "<form class=\"language\" method=\"post\" action=\"\(WalletPaths.language)\">\(context.tokenField)"
            + "<input type=\"hidden\" name=\"\(WalletForm.returnField)\" value=\"\(e(context.path))\">"
        form += "<label for=\"language\">\(e(context.words[.languageLabel]))</label><select id=\"language\" name=\"language\">"
        for language in PageLanguage.allCases {
            let selected = language == context.language ? " selected" : ""
            form += "<option value=\"\(language.rawValue)\" lang=\"\(language.tag)\"\(selected)>\(e(language.ownName))</option>"
        }
        form += "</select><button type=\"submit\" class=\"secondary\">\(e(context.words[.languageButton]))</button></form>"
        return form
    }

    /// A notice or an error above the content; `role` makes a screen reader say it at once.
    static func message(_ text: String?, kind: String) -> String {
        guard let text else { return "" }
        let role = kind == "error" ? "alert" : "status"
        return "<p class=\"\(kind)\" role=\"\(role)\">\(HTML.escape(text))</p>"
    }
}
