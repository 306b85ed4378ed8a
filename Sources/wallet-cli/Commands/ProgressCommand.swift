import ArgumentParser
import Foundation
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
            let progress = try allPages(loggedIn)
            if options.json { return try Output.json(JSONEncoder().encode(progress)) }
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

    /// Every page of the learner's progress, as one answer: walletd answers a page at a time.
    private func allPages(_ loggedIn: LoggedIn) throws -> ProgressResponse {
        var all = try loggedIn.walletd { try $0.call(Endpoints.progress, loggedIn.learnerId, token: loggedIn.token) }
        var seen = Set<String>()
        while let after = all.next, seen.insert(after).inserted {
            let page = try loggedIn.walletd {
                try $0.call(Endpoints.progress, loggedIn.learnerId, query: ["after": after, "limit": String(ProgressResponse.maxLimit)],
                             token: loggedIn.token)
            }
            all.activities += page.activities
            all.next = page.next
        }
        all.next = nil
        return all
    }
}
