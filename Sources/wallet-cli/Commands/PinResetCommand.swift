import ArgumentParser
import Foundation
import Basics
import WalletAPI
import WalletClient

/// `wallet-cli pin reset LEARNER --code CODE`: a learner who forgot their PIN sets a new one with
/// the one-time code the centre admin gave them (`repositoryd learner reset-pin`); asks the new
/// PIN twice and has walletd reset it (`POST /v1/learners/{id}/pin/reset`).
struct PinResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Set a new PIN for a learner who forgot theirs, with the centre admin's reset code (needs the repository online).",
        discussion: """
            Forgot your PIN? Ask the centre admin: after an assessor checked who you are, they run \
            `repositoryd learner reset-pin` and give you a one-time code. Then run this at a PC that holds \
            you and reaches the repository. You get a new holder key (a new DID): the repository issues \
            your credentials again to it, and they arrive with the next sync. Every session of yours on \
            this PC ends; your other PCs take the new PIN when they sync. \
            With --pin-stdin the first line of stdin is the new PIN. \
            Exit 65: the new PIN is too short, 77: the code is wrong, expired or used, 75: too many wrong \
            codes (wait), 69: the repository cannot be reached (nothing changed, the code stays valid).
            """
    )
    @OptionGroup var options: GlobalOptions

    @Argument(help: "The learner's id (`wallet-cli learner list` shows it).")
    var learner: String

    @Option(name: .long, help: "The one-time reset code from the centre admin.")
    var code: String

    @Flag(name: .long, help: "Read the new PIN from the first line of stdin instead of the terminal.")
    var pinStdin = false

    func validate() throws {
        guard !learner.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("Give the learner's id: `wallet-cli learner list` shows it.")
        }
        guard !code.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("Give the reset code the centre admin made.") }
    }

    func run() throws {
        try reportingErrors {
            let id = learner.trimmingCharacters(in: .whitespaces).lowercased()
            let new = pinStdin ? try PinReader.fromStdin()
                : try PinReader.fromTerminal(prompt: "New PIN for \(id) (at least 6 digits or characters): ", confirm: true)
            let walletd = Walletd(socketPath: options.socketPath)
            try walletd.requireTrustedForPIN()
            let answer = try walletd { try $0.call(Endpoints.resetPIN, id, body: ResetPINRequest(code: code, newPin: new)) }
            if options.json { return try Output.json(JSONEncoder().encode(answer)) }
            for line in Self.lines(answer) { Output.line(line) }
        }
    }

    static func lines(_ answer: ResetPINResponse) -> [String] {
        var lines = ["Reset the PIN of \(answer.learner.name) (\(answer.learner.id)). Their new holder DID is \(answer.learner.did ?? "?")."]
        if answer.sessionsEnded > 0 {
            lines.append("Ended \(UnsyncedCounts.count(answer.sessionsEnded, "session")) of theirs on this PC.")
        }
        lines.append("Log in with `wallet-cli login \(answer.learner.id)` and the new PIN. Credentials are issued again to the new DID and arrive with the next sync; their other PCs take the new PIN when they sync.")
        return lines
    }
}
