import ArgumentParser
import Foundation
import WalletAPI

/// `wallet-cli learner fetch ID`: bring a learner who started on another PC onto this one.
struct LearnerFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Bring a learner who started on another PC onto this one (needs the repository online).",
        discussion: "ID is the learner id `wallet-cli learner list` shows on their other PC. The learner types their PIN; the repository checks it."
    )
    @OptionGroup var options: GlobalOptions

    @Argument(help: "The learner's id.")
    var learner: String

    @Flag(name: .long, help: "Read the PIN from the first line of stdin instead of the terminal.")
    var pinStdin = false

    func run() throws {
        try reportingErrors {
            let pin = pinStdin ? try PinReader.fromStdin() : try PinReader.fromTerminal(prompt: "PIN of learner \(learner): ", confirm: false)
            let client = WalletClient(socketPath: options.socketPath)
            let response = try client.send(.post, "/v1/learners/fetch", json: FetchLearnerRequest(learner: learner, pin: pin))
            if options.json { return try Output.json(response.body) }
            let summary = try client.decode(LearnerSummary.self, from: response)
            if response.status == 200 {
                Output.line("\(summary.name) is already on this PC. Log in with `wallet-cli login \(summary.id)`.")
            } else {
                Output.line("\(summary.name) is now on this PC; their history arrives with the sync that has started. Log in with `wallet-cli login \(summary.id)`.")
            }
        }
    }
}
