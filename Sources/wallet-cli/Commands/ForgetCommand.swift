import ArgumentParser
import Foundation
import Basics
import WalletAPI
import WalletClient

/// `wallet-cli forget [--force]`: remove the logged-in learner and all their data from this PC.
struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Remove the logged-in learner and all their data from this PC (the repository keeps their history).",
        discussion: """
            Only when the repository holds everything of theirs; otherwise walletd says what has not \
            reached it (run `wallet-cli sync` first). --force forgets anyway after the learner types \
            their PIN again, and says what was lost. Afterwards `wallet-cli learner fetch ID` with the \
            PIN brings them back from the repository. \
            Exit 65: data not yet at the repository, 77: wrong PIN or not logged in, 75: locked for a while.
            """
    )
    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "Forget even what has not reached the repository (asks for the PIN again).")
    var force = false

    @Flag(name: .long, help: "With --force: read the PIN from the first line of stdin instead of the terminal.")
    var pinStdin = false

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let answer = try forget(loggedIn)
            // The session ended with the learner.
            try? SessionStore().remove()
            if options.json { return try Output.json(JSONEncoder().encode(answer)) }
            for line in Self.lines(answer, name: loggedIn.session.learnerName) { Output.line(line) }
        }
    }

    /// Forgets without force; when walletd refuses for unsynced data and --force was given, says
    /// what goes, then asks the PIN (typing it is the confirmation) and forgets with force.
    func forget(_ loggedIn: LoggedIn) throws(CLIError) -> ForgetResponse {
        let id = loggedIn.learnerId, token = loggedIn.token
        do {
            return try loggedIn.walletd { try $0.call(Endpoints.forget, id, body: ForgetRequest(), token: token) }
        } catch {
            guard error.code == .notYetSynced, force else { throw error }
            Output.warning(error.message)
            let name = loggedIn.session.learnerName
            let pin = pinStdin ? try PinReader.fromStdin()
                               : try PinReader.fromTerminal(prompt: "PIN of \(name), to forget them and lose this (Ctrl-C stops): ", confirm: false)
            try loggedIn.walletd.requireTrustedForPIN()
            return try loggedIn.walletd { try $0.call(Endpoints.forget, id, body: ForgetRequest(force: true, pin: pin), token: token) }
        }
    }

    static func lines(_ answer: ForgetResponse, name: String) -> [String] {
        let removed = answer.removed
        var lines = ["Forgot \(name) (\(answer.learner)) on this PC: removed \(UnsyncedCounts.count(removed.statements, "statement")), "
                     + "\(UnsyncedCounts.count(removed.records, "record")), \(UnsyncedCounts.count(removed.credentials, "credential")) "
                     + "and \(UnsyncedCounts.count(removed.sessions, "session")), with the sealed holder key."]
        if answer.lost.isEmpty {
            lines.append("The repository keeps their history: `wallet-cli learner fetch \(answer.learner)` with their PIN brings them back.")
        } else {
            lines.append("Lost for good (never reached the repository): \(answer.lost.summary).")
        }
        if !answer.compacted {
            lines.append("Warning: walletd could not rewrite its database, so the removed data's bytes may stay in its free space; see walletd's log.")
        }
        return lines
    }
}
