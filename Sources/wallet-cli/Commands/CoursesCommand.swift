import ArgumentParser
import Foundation
import WalletAPI
import WalletClient
import Catalog

/// `wallet-cli courses`: the course catalog, with the logged-in learner's progress per outcome.
struct CoursesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "courses",
        abstract: "List the courses and their learning outcomes, with your progress when logged in.",
        discussion: "Markers: ✓ passed or completed, ○ awaiting an assessor's sign-off, ✗ failed, … attempted, · not started."
    )
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let reply = try fetch()
            if options.json { return try Output.json(reply.response.body) }
            for line in CourseText.lines(reply.answer) { Output.line(line) }
        }
    }

    /// The learner's view when logged in on this socket, else the catalog alone. A session that
    /// has ended still shows the catalog, with a word on how to see progress again.
    private func fetch() throws(CLIError) -> WalletdReply<CoursesResponse> {
        guard let loggedIn = try? LoggedIn.require(options) else {
            let walletd = Walletd(socketPath: options.socketPath)
            return try walletd { try $0.reply(Endpoints.courses) }
        }
        let failure: CLIError
        do {
            return try loggedIn.walletd { try $0.reply(Endpoints.learnerCourses, loggedIn.learnerId, token: loggedIn.token) }
        } catch {
            failure = error
        }
        guard failure.status == .notAllowed else { throw failure }
        Output.warning("the session of \(loggedIn.session.learnerName) has ended, so no progress is shown. Run `wallet-cli login \(Shell.quoted(loggedIn.session.learnerName))` to see it.")
        return try loggedIn.walletd { try $0.reply(Endpoints.courses) }
    }
}

/// Course text for people, kept pure.
enum CourseText {
    /// Every line `wallet-cli courses` prints for walletd's answer.
    static func lines(_ answer: CoursesResponse) -> [String] {
        guard !answer.courses.isEmpty else {
            return ["No course catalog yet: it arrives with the first sync (`wallet-cli sync`)."]
        }
        let withProgress = answer.learner != nil
        var lines: [String] = []
        for (i, entry) in answer.courses.enumerated() {
            if i > 0 { lines.append("") }
            lines.append(heading(entry, withProgress: withProgress))
            lines += details(entry.course).map { "  " + $0 }
            for outcome in entry.outcomes {
                lines.append("  " + (withProgress ? marker(outcome.state) : "-") + " " + outcome.text)
            }
        }
        return lines
    }

    static func heading(_ entry: CourseProgress, withProgress: Bool) -> String {
        entry.course.title + (withProgress ? "  (\(entry.achieved)/\(entry.total) outcomes achieved)" : "")
    }

    /// `Awarding body (AT) · EQF 4 · 2 ECTS, 3 ECVET points, 50 h` and
    /// `assessed by an assessor · onsite · language de-AT`.
    static func details(_ course: Course) -> [String] {
        var credits = "EQF \(course.eqfLevel) · \(formatted(course.ectsCredits)) ECTS"
        if let ecvet = course.ecvetPoints { credits += ", \(formatted(ecvet)) ECVET points" }
        if let hours = course.workloadHours { credits += ", \(hours) h" }
        let assessment = switch course.assessment {
        case .supervised: "assessed by an assessor"
        case .selfAssessed: "self-assessed"
        }
        return ["\(course.awardingBody.name) (\(course.awardingBody.country)) · \(credits)",
                "\(assessment) · \(course.participation.rawValue) · language \(course.language)"]
    }

    static func marker(_ state: String) -> String {
        switch state {
        case "passed", "completed": "✓"
        case OutcomeProgress.awaitingAssessment: "○"
        case "failed": "✗"
        case "attempted": "…"
        default: "·"
        }
    }

    /// `2`, `2.5`; never traps on a number too large for an Int.
    static func formatted(_ value: Double) -> String {
        if let whole = Int(exactly: value) { return String(whole) }
        return String(value)
    }
}
