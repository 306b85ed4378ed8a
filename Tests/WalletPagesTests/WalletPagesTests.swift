import Catalog
import Testing
import WalletAPI
@testable import PageText
@testable import WalletPages

/// The pages as values in, HTML out: every form carries the form token, every input has a label,
/// every text is escaped, and no page holds inline script or style (the CSP would block them).
@Suite struct WalletPagesTests {
    static let hostile = "<script>alert(1)</script>\"'&"

    static func context(_ language: PageLanguage = .english, learner: String? = "Ana \(hostile)") -> PageContext {
        PageContext(language: language, formToken: "TOKEN-123", learnerName: learner, section: .courses, path: "/courses")
    }

    static func course() -> CourseProgress {
        let outcome = LearningOutcome(id: "https://example.org/o/1", text: "Outcome \(hostile)")
        let course = Course(id: "https://example.org/c/1", title: "Course \(hostile)", description: "d", language: "en", eqfLevel: 3,
                            ectsCredits: 1, learningOutcomes: [outcome], assessment: .selfAssessed, participation: .online,
                            qualityAssurance: "q", awardingBody: AwardingBody(name: "B", country: "NL"))
        return CourseProgress(course: course, outcomes: [OutcomeProgress(id: outcome.id, text: outcome.text, escoSkill: nil, state: "passed",
                                                                         bestScaledScore: 0.9, lastActivity: nil)],
                              achieved: 1, total: 1)
    }

    static func allPages(_ language: PageLanguage) -> [String] {
        let c = context(language)
        let item = CredentialListItem(id: "urn:uuid:1", title: "Title \(hostile)", awardingBody: "Body \(hostile)", country: nil,
                                      issued: "2026-11-30T10:00:00Z", status: "valid", statusCheckedAt: nil, verified: true, problem: nil)
        return [
            ProfilesPage.html(learners: [.init(id: "id-\(hostile)", name: hostile)], nextPage: "/?after=x", notice: hostile, context: context(language, learner: nil)),
            LoginPage.html(learner: .init(id: "id", name: hostile), error: hostile, context: context(language, learner: nil)),
            NewLearnerPage.html(name: hostile, error: hostile, minPINLength: 6, context: context(language, learner: nil)),
            CoursesPage.html(courses: [course()], lessons: ["https://example.org/o/1": .init(id: "au-\(hostile)", title: hostile)], context: c),
            CredentialsPage.html(credentials: [item], nextPage: nil, context: c),
            CredentialPage.html(item: item, summary: nil, error: hostile, context: c),
            SyncPage.html(status: .init(enrolled: true, lastSuccessAgoSeconds: 600, pending: 3, lastError: hostile),
                          conflicts: [.init(key: "email", values: [hostile, "b@example.org"], context: "ctx")], notice: hostile, context: c),
            MessagePage.html(title: hostile, message: hostile, context: c),
        ]
    }

    @Test(arguments: PageLanguage.allCases)
    func everyFormCarriesTheTokenAndNothingIsUnescaped(language: PageLanguage) {
        for page in Self.allPages(language) {
            #expect(!page.contains("<script"), "no script element: the CSP allows none")
            #expect(!page.contains("style=") && !page.contains("<style"), "no inline style: the CSP allows the style sheet only")
            #expect(!page.contains(Self.hostile), "every text is escaped")
            let forms = page.components(separatedBy: "<form").count - 1
            let tokens = page.components(separatedBy: "name=\"form_token\" value=\"TOKEN-123\"").count - 1
            #expect(forms > 0 && forms == tokens, "every form carries the token (\(forms) forms, \(tokens) tokens)")
            #expect(page.contains("<html lang=\"\(language.tag)\">"))
        }
    }

    @Test func everyInputHasALabel() {
        for page in Self.allPages(.english) {
            var rest = Substring(page)
            while let range = rest.range(of: "<input ") {
                let tag = rest[range.lowerBound...].prefix(while: { $0 != ">" })
                rest = rest[range.upperBound...]
                if tag.contains("type=\"hidden\"") { continue }
                guard let idRange = tag.range(of: "id=\"") else { Issue.record("an input without an id: \(tag)"); continue }
                let id = tag[idRange.upperBound...].prefix(while: { $0 != "\"" })
                #expect(page.contains("<label for=\"\(id)\">"), "input \(id) has a label")
            }
        }
    }

    @Test func dutchPagesSpeakDutch() {
        let page = SyncPage.html(status: .init(enrolled: true, lastSuccessAgoSeconds: 600, pending: 3, lastError: nil),
                                 conflicts: [], notice: nil, context: Self.context(.dutch))
        #expect(page.contains("Laatst gesynchroniseerd 10 minuten geleden."))
        #expect(page.contains("3 resultaten wachten om verzonden te worden."))
        #expect(page.contains("<option value=\"nl\" lang=\"nl\" selected>Nederlands</option>"))
    }
}
