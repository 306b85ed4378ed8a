import PageText

/// One learner's PIN page: "Hello Ana", a labelled PIN field, and a way back to the profiles.
/// `error` is the refusal of the last try (wrong PIN, locked) in the page's language.
///
/// ```swift
/// let html = LoginPage.html(learner: profile, error: words(.errorWrongPIN, ["tries": "5"]), context: context)
/// ```
public enum LoginPage {
    public static func html(learner: ProfilesPage.Profile, error: String?, context: PageContext) -> String {
        let words = context.words
        let e = HTML.escape
        var body = "<h1>\(e(words(.loginTitle, ["name": learner.name])))</h1>"
        body += WalletPageFrame.message(error, kind: "error")
        body += "<p>\(e(words[.loginIntro]))</p>"
        body += "<form method=\"post\" action=\"\(WalletPaths.login)\">\(context.tokenField)"
        body += "<input type=\"hidden\" name=\"learner\" value=\"\(e(learner.id))\">"
        body += "<label for=\"pin\">\(e(words[.pinLabel]))</label>"
        body += "<input type=\"password\" id=\"pin\" name=\"pin\" autocomplete=\"current-password\" required autofocus"
            + (error == nil ? "" : " aria-invalid=\"true\"") + ">"
        body += "<div><button type=\"submit\">\(e(words[.loginButton]))</button></div></form>"
        body += "<p><a href=\"\(WalletPaths.home)\">\(e(words[.notYou]))</a></p>"
        return WalletPageFrame.document(title: words(.loginTitle, ["name": learner.name]), body: body, context: context)
    }
}
