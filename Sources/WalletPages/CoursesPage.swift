import PageText
import WalletAPI

/// The learner's courses from the catalog, each with its progress per learning outcome in words
/// ("3 of 4 learning outcomes done"), and a button to start the lesson (a cmi5 assignable unit
/// imported on this PC) that teaches an outcome.
///
/// ```swift
/// let html = CoursesPage.html(courses: progress, lessons: ["https://…/outcomes/x": .init(id: "https://…/outcomes/x", title: "Hygiene quiz")], context: context)
/// ```
public enum CoursesPage {
    /// A lesson on this PC that can be started for an outcome.
    public struct Lesson: Sendable {
        public var id: String
        public var title: String
        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    public static func html(courses: [CourseProgress], lessons: [String: Lesson], notice: String? = nil, context: PageContext) -> String {
        let words = context.words
        let e = HTML.escape
        var body = WalletPageFrame.message(notice, kind: "notice")
        body += "<h1>\(e(words[.coursesTitle]))</h1>"
        if courses.isEmpty { body += "<p>\(e(words[.coursesNone]))</p>" }
        for entry in courses {
            let supervised = entry.course.assessment.rawValue == "supervised"
            body += "<section class=\"card\" aria-labelledby=\"\(e(anchor(entry.course.id)))\">"
            body += "<h2 id=\"\(e(anchor(entry.course.id)))\">\(e(entry.course.title))</h2>"
            body += "<p><strong>\(e(words(.courseProgress, ["done": String(entry.achieved), "total": String(entry.total)])))</strong></p>"
            body += "<p class=\"muted\">\(e(words[supervised ? .assessmentSupervised : .assessmentSelf]))</p>"
            if entry.total > 0, entry.achieved == entry.total { body += "<p class=\"notice\">\(e(words[.courseComplete]))</p>" }
            body += "<h3>\(e(words[.courseOutcomes]))</h3><ul class=\"outcomes\">"
            for outcome in entry.outcomes {
                body += "<li>" + state(outcome, words: words)
                body += "<span>\(e(outcome.text))</span>"
                if let score = outcome.bestScaledScore, score >= 0 {
                    body += " <span class=\"muted\">(\(e(words(.bestScore, ["score": String(Int((score * 100).rounded()))]))))</span>"
                }
                if let lesson = lessons[outcome.id], !outcome.isAchieved || !supervised {
                    body += "<form method=\"post\" action=\"\(WalletPaths.launch)\">\(context.tokenField)"
                        + "<input type=\"hidden\" name=\"unit\" value=\"\(e(lesson.id))\">"
                        + "<button type=\"submit\">\(e(words(.launchUnit, ["title": lesson.title])))</button></form>"
                }
                body += "</li>"
            }
            body += "</ul></section>"
        }
        return WalletPageFrame.document(title: words[.coursesTitle], body: body, context: context)
    }

    static func state(_ outcome: OutcomeProgress, words: Words) -> String {
        let (key, kind): (TextKey, String) = switch outcome.state {
        case "passed": (.statePassed, "done")
        case "completed": (.stateCompleted, "done")
        case "failed": (.stateFailed, "todo")
        case "attempted": (.stateAttempted, "todo")
        case OutcomeProgress.awaitingAssessment: (.stateAwaiting, "waiting")
        default: (.stateNotStarted, "todo")
        }
        return "<span class=\"state \(kind)\">\(HTML.escape(words[key]))</span> "
    }

    /// An element id made from a course id (ids are IRIs: only letters and digits are kept).
    static func anchor(_ id: String) -> String {
        "course-" + String(id.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? Character($0) : "-" }.suffix(60))
    }
}
