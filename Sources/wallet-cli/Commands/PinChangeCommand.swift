import ArgumentParser
import Foundation
import Basics
import WalletAPI
import WalletClient

/// `wallet-cli pin change`: asks the current PIN and the new one twice, and has walletd change it
/// (`POST /v1/learners/{id}/pin`).
struct PinChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Change the logged-in learner's PIN (asks the current PIN, then the new one twice).",
        discussion: """
            The current PIN is checked as at login (wrong tries count towards the lock-out). The \
            holder key is sealed again under the new PIN, so the learner's DID and credentials stay. \
            The learner's other sessions on this PC end; this one stays. The next sync takes the new \
            PIN to the repository, and the learner's other PCs take it up when they sync (a PC that \
            has not synced since still takes the old PIN until then). \
            With --pin-stdin the first line of stdin is the current PIN and the second the new one. \
            Exit 65: the new PIN is too short, 77: wrong PIN or not logged in, 75: locked for a while.
            """
    )
    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "Read the current PIN and then the new PIN from the first two lines of stdin instead of the terminal.")
    var pinStdin = false

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let name = loggedIn.session.learnerName
            let current: String, new: String
            if pinStdin {
                current = try PinReader.fromStdin()
                new = try PinReader.fromStdin()
            } else {
                current = try PinReader.fromTerminal(prompt: "Current PIN of \(name): ", confirm: false)
                new = try PinReader.fromTerminal(prompt: "New PIN (at least 6 digits or characters): ", confirm: true)
            }
            try loggedIn.walletd.requireTrustedForPIN()
            let id = loggedIn.learnerId, token = loggedIn.token
            let answer = try loggedIn.walletd {
                try $0.call(Endpoints.changePIN, id, body: ChangePINRequest(currentPin: current, newPin: new), token: token)
            }
            if options.json { return try Output.json(JSONEncoder().encode(answer)) }
            for line in Self.lines(answer) { Output.line(line) }
        }
    }

    static func lines(_ answer: ChangePINResponse) -> [String] {
        var lines = ["Changed the PIN of \(answer.learner.name) (\(answer.learner.id)); their holder key and DID stay the same."]
        if answer.sessionsEnded > 0 {
            lines.append("Ended \(UnsyncedCounts.count(answer.sessionsEnded, "other session")) of theirs on this PC.")
        }
        lines.append("The next sync takes the new PIN to the repository (`wallet-cli sync` to do it now); their other PCs take it up when they sync.")
        return lines
    }
}
