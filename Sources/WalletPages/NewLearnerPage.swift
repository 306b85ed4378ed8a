import PageText

/// "New learner": the name, the PIN twice, with hints; on a refusal the page comes back with the
/// name kept (never the PIN) and the reason above the form.
///
/// ```swift
/// let html = NewLearnerPage.html(name: "", error: nil, minPINLength: 4, context: context)
/// ```
public enum NewLearnerPage {
    public static func html(name: String, error: String?, minPINLength: Int, context: PageContext) -> String {
        let words = context.words
        let e = HTML.escape
        var body = "<h1>\(e(words[.newTitle]))</h1>"
        body += WalletPageFrame.message(error, kind: "error")
        body += "<p>\(e(words[.newIntro]))</p>"
        body += "<form method=\"post\" action=\"\(WalletPaths.newLearner)\">\(context.tokenField)"
        body += "<label for=\"name\">\(e(words[.nameLabel]))</label><p class=\"hint\" id=\"name-hint\">\(e(words[.nameHint]))</p>"
        body += "<input type=\"text\" id=\"name\" name=\"name\" value=\"\(e(name))\" autocomplete=\"name\" required aria-describedby=\"name-hint\">"
        body += "<label for=\"pin\">\(e(words[.newPINLabel]))</label>"
        body += "<p class=\"hint\" id=\"pin-hint\">\(e(words(.newPINHint, ["min": String(minPINLength)])))</p>"
        body += "<input type=\"password\" id=\"pin\" name=\"pin\" autocomplete=\"new-password\" required minlength=\"\(minPINLength)\" aria-describedby=\"pin-hint\">"
        body += "<label for=\"pin2\">\(e(words[.newPINAgainLabel]))</label>"
        body += "<input type=\"password\" id=\"pin2\" name=\"pin2\" autocomplete=\"new-password\" required minlength=\"\(minPINLength)\">"
        body += "<div><button type=\"submit\">\(e(words[.createButton]))</button></div></form>"
        body += "<p><a href=\"\(WalletPaths.home)\">\(e(words[.backHome]))</a></p>"
        return WalletPageFrame.document(title: words[.newTitle], body: body, context: context)
    }
}
