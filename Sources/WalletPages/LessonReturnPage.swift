import PageText

/// Where a lesson sends the browser when it is done (its cmi5 `returnURL`). The lesson runs
/// sandboxed in an opaque origin, so the browser counts that navigation as cross-site and leaves
/// the `SameSite=Strict` session cookie out; this page holds no learner data and moves on at once
/// to the courses page, and that second step, made by a page of the wallet's own site, carries
/// the cookie again. A link does the same where refreshes are turned off.
///
/// ```swift
/// let html = LessonReturnPage.html(context: visitor.page(path: WalletPaths.lessonReturn))
/// ```
public enum LessonReturnPage {
    /// Where the page goes: the courses with the "welcome back" notice.
    public static let next = WalletPaths.courses + "?done=lesson"

    public static func html(context: PageContext) -> String {
        let words = context.words
        let e = HTML.escape
        let body = "<h1>\(e(words[.lessonReturning]))</h1><p><a href=\"\(next)\">\(e(words[.lessonReturnLink]))</a></p>"
        return WalletPageFrame.document(title: words[.lessonReturning], body: body, context: context,
                                        head: "<meta http-equiv=\"refresh\" content=\"0; url=\(next)\">")
    }
}
