import PageText

/// A page that only says something: an error the browser reached (an expired form, a page that
/// does not exist, a fault) with a way back.
///
/// ```swift
/// let html = MessagePage.html(title: words[.errorTitle], message: words[.errorFormExpired], context: context)
/// ```
public enum MessagePage {
    public static func html(title: String, message: String, context: PageContext) -> String {
        let e = HTML.escape
        let back = context.learnerName == nil ? WalletPaths.home : WalletPaths.courses
        let body = "<h1>\(e(title))</h1>" + WalletPageFrame.message(message, kind: "error")
            + "<p><a href=\"\(back)\">\(e(context.words[.backHome]))</a></p>"
        return WalletPageFrame.document(title: title, body: body, context: context)
    }
}
