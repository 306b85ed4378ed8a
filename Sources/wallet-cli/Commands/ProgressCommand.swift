import ArgumentParser
import WalletAPI

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show the logged-in learner's progress per activity."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let path = "/v1/learners/\(URLEncoding.component(loggedIn.session.learnerId))/progress"
            let response = try loggedIn.client.send(.get, path, token: loggedIn.session.token)
            if options.json { return try Output.json(response.body) }
            let progress = try loggedIn.client.decode(ProgressResponse.self, from: response)
            guard !progress.activities.isEmpty else {
                Output.line("No progress yet for \(loggedIn.session.learnerName). Record some with `wallet-cli record`.")
                return
            }
            Output.table(
                ["ACTIVITY", "NAME", "STATE", "BEST SCORE", "LAST ACTIVITY"],
                progress.activities.map {
                    [$0.activity, $0.name ?? "", $0.state, Output.score($0.bestScaledScore), $0.lastActivity ?? ""]
                }
            )
        }
    }
}
