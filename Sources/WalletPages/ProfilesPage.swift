import PageText

/// The start page nobody is logged in to: "Who is learning?", this PC's learners as large links
/// to their PIN page, a link to the next page of profiles, and "I am new here".
///
/// ```swift
/// let html = ProfilesPage.html(learners: [.init(id: "3f…", name: "Ana")], nextPage: nil, notice: nil, context: context)
/// ```
public enum ProfilesPage {
    public struct Profile: Sendable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public static func html(learners: [Profile], nextPage: String?, notice: String?, context: PageContext) -> String {
        let words = context.words
        let e = HTML.escape
        var body = WalletPageFrame.message(notice, kind: "notice")
        body += "<h1>\(e(words[.profilesTitle]))</h1>"
        if learners.isEmpty {
            body += "<p>\(e(words[.profilesNone]))</p>"
        } else {
            body += "<p>\(e(words[.profilesIntro]))</p><ul class=\"profiles\">"
            for learner in learners {
                body += "<li><a href=\"\(e(WalletPaths.login(learner: learner.id)))\">\(e(learner.name))</a></li>"
            }
            body += "</ul>"
        }
        if let nextPage { body += "<p><a href=\"\(e(nextPage))\">\(e(words[.profilesMore]))</a></p>" }
        body += "<p><a class=\"button secondary\" href=\"\(WalletPaths.newLearner)\">\(e(words[.newLearnerLink]))</a></p>"
        return WalletPageFrame.document(title: words[.profilesTitle], body: body, context: context)
    }
}
