import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

/// `wallet-cli learner fetch ID`: bring a learner who started on another PC onto this one.
struct LearnerFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Bring a learner who started on another PC onto this one (needs the repository online).",
        discussion: """
            ID is the learner id `wallet-cli learner list` shows on their other PC. The learner types \
            their PIN (or pipe it with --pin-stdin); the repository checks it and counts wrong ones. \
            Exit 66: unknown id (or their PC has not synced yet), 77: wrong PIN, 75: locked for a while, \
            69: repository unreachable, 65: this PC is not registered.
            """
    )
    @OptionGroup var options: GlobalOptions

    @Argument(help: "The learner's id.")
    var learner: String

    @Flag(name: .long, help: "Read the PIN from the first line of stdin instead of the terminal.")
    var pinStdin = false

    func validate() throws {
        guard !learner.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("Give the learner's id: `wallet-cli learner list` on their other PC shows it.")
        }
    }

    func run() throws {
        try reportingErrors {
            let pin = pinStdin ? try PinReader.fromStdin() : try PinReader.fromTerminal(prompt: "PIN of learner \(learner): ", confirm: false)
            let walletd = Walletd(socketPath: options.socketPath)
            try walletd.requireTrustedForPIN()
            let reply = try walletd { try $0.reply(Endpoints.fetchLearner, body: FetchLearnerRequest(learner: learner, pin: pin)) }
            if options.json { return try Output.json(reply.response.body) }
            for line in Self.lines(reply.answer, alreadyHere: reply.response.status == 200) { Output.line(line) }
        }
    }

    /// What the command prints; the learner logs in with `wallet-cli login` as usual.
    static func lines(_ summary: LearnerSummary, alreadyHere: Bool) -> [String] {
        let login = "Log in with `wallet-cli login \(summary.id)`."
        if alreadyHere { return ["\(summary.name) is already on this PC. \(login)"] }
        return ["\(summary.name) is now on this PC; their history arrives with the sync that has started.", login]
    }
}
