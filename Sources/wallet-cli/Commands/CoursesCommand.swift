import ArgumentParser
import Foundation
import WalletAPI

/// `wallet-cli courses`: the course catalog, with the logged-in learner's progress per outcome.
struct CoursesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "courses",
        abstract: "List the courses and their learning outcomes, with your progress when logged in."
    )
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let response: Data
            let client: WalletClient
            if let loggedIn = try? LoggedIn.require(options) {
                client = loggedIn.client
                response = try client.send(.get, "/v1/learners/\(URLEncoding.component(loggedIn.session.learnerId))/courses", token: loggedIn.session.token).body
            } else {
                client = WalletClient(socketPath: options.socketPath)
                response = try client.send(.get, "/v1/courses").body
            }
            if options.json { return try Output.json(response) }
            let answer: CoursesResponse
            do { answer = try JSONDecoder().decode(CoursesResponse.self, from: response) } catch {
                throw CLIError(.internalError, "walletd's answer was not a course list. Check that walletd and wallet-cli are the same version.")
            }
            guard !answer.courses.isEmpty else {
                Output.line("No course catalog yet: it arrives with the first sync (`wallet-cli sync`).")
                return
            }
            for (i, entry) in answer.courses.enumerated() {
                if i > 0 { Output.line() }
                Output.line(CourseText.heading(entry, withProgress: answer.learner != nil))
                for line in CourseText.details(entry.course) { Output.line("  " + line) }
                for outcome in entry.outcomes {
                    Output.line("  " + CourseText.marker(outcome.state) + " " + outcome.text)
                }
            }
        }
    }
}

/// Course text for people, kept pure.
enum CourseText {
    static func heading(_ entry: CourseProgress, withProgress: Bool) -> String {
        entry.course.title + (withProgress ? "  (\(entry.achieved)/\(entry.total) outcomes achieved)" : "")
    }

    static func details(_ course: Course) -> [String] {
        var credits = "EQF \(course.eqfLevel), \(formatted(course.ectsCredits)) ECTS"
        if let ecvet = course.ecvetPoints { credits += ", \(formatted(ecvet)) ECVET points" }
        if let hours = course.workloadHours { credits += ", \(hours) h" }
        let assessment = course.assessment == .supervised ? "assessed by an assessor" : "self-assessed"
        return ["\(course.awardingBody.name) (\(course.awardingBody.country)) · \(credits)",
                "\(assessment) · \(course.participation.rawValue) · language \(course.language)"]
    }

    static func marker(_ state: String) -> String {
        switch state {
        case "passed", "completed": "✓"
        case "failed": "✗"
        case "attempted": "…"
        default: "·"
        }
    }

    static func formatted(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }
}
