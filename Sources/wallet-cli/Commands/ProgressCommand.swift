import ArgumentParser
import WalletAPI
import WalletClient

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show the logged-in learner's progress per activity."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let reply = try loggedIn.walletd { try $0.replyAllPages(Endpoints.progress, loggedIn.learnerId, token: loggedIn.token) }
            if options.json { return try Output.json(reply.response.body) }
            let progress = reply.answer
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
