import PageText

/// What every wallet page needs besides its own content: the language, the form token of this
/// browser's session, and who is logged in (nil on the profile, login and new-learner pages).
///
/// ```swift
/// let context = PageContext(language: .dutch, formToken: token, learnerName: "Ana", section: .courses)
/// let html = CoursesPage.html(courses, context: context)
/// ```
public struct PageContext: Sendable {
    /// The part of the wallet a page belongs to, so the menu marks it.
    public enum Section: String, Sendable { case courses, credentials, sync, none }

    public var language: PageLanguage
    public var formToken: String
    public var learnerName: String?
    public var section: Section
    /// This page's own path and query, where a language change comes back to.
    public var path: String

    public init(language: PageLanguage, formToken: String, learnerName: String? = nil, section: Section = .none, path: String = WalletPaths.home) {
        self.language = language
        self.formToken = formToken
        self.learnerName = learnerName
        self.section = section
        self.path = path
    }

    public var words: Words { language.words }

    /// The hidden field every form carries (the server refuses a form without the right one).
    public var tokenField: String {
        "<input type=\"hidden\" name=\"\(WalletForm.tokenField)\" value=\"\(HTML.escape(formToken))\">"
    }
}

/// Names the pages and the server agree on.
public enum WalletForm {
    /// The form field that carries the CSRF token.
    public static let tokenField = "form_token"
    /// The language form's field naming the page to come back to.
    public static let returnField = "return"
}
