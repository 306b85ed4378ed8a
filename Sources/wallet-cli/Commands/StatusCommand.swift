import ArgumentParser
import WalletAPI
import WalletClient
import Basics

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show whether walletd runs, what it holds, and who is logged in.",
        discussion: "Checking the session counts as using it, so it also resets its idle timer."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let walletd = Walletd(socketPath: options.socketPath)
            let reply = try walletd { try $0.reply(Endpoints.health) }
            let health = reply.answer
            let session = try SessionStore().load()
            let state = session.map { sessionState($0, walletd: walletd) }

            if options.json {
                var out: [String: JSONValue] = ["health": try JSONValue(data: reply.response.body), "session": .null]
                if let session, let state {
                    out["session"] = [
                        "learner": ["id": .string(session.learnerId), "name": .string(session.learnerName)],
                        "socket": .string(session.socket),
                        "state": .string(state.rawValue),
                    ]
                }
                Output.json(.object(out))
                return
            }
            Output.line("walletd \(health.version) is \(health.status) at \(options.socketPath)")
            Output.line("  data:        \(health.dataDirectory)")
            Output.line("  durability:  \(health.durability)")
            Output.line("  xAPI:        \(health.xapiVersion)")
            Output.line("  holds:       \(health.counts.learners) learners, \(health.counts.statements) statements, \(health.counts.activeSessions) active sessions")
            if let storage = health.storage, storage != "ok" {
                Output.line("  storage:     \(storage). \(health.storageMessage ?? "")")
            }
            guard let session, let state else {
                Output.line("Not logged in. Run `wallet-cli login <name>`.")
                return
            }
            let who = "\(session.learnerName) (\(session.learnerId))"
            switch state {
            case .valid: Output.line("Logged in as \(who).")
            case .expired: Output.line("The session of \(who) has expired. Run `wallet-cli login \(Shell.quoted(session.learnerName))`.")
            case .invalid: Output.line("The session of \(who) is no longer known to walletd. Run `wallet-cli login \(Shell.quoted(session.learnerName))`.")
            case .otherDaemon: Output.line("Logged in as \(who) on another walletd (\(session.socket)).")
            case .unknown: Output.line("Logged in as \(who); walletd could not confirm the session.")
            }
        }
    }

    enum SessionState: String {
        case valid, expired, invalid, otherDaemon = "other-daemon", unknown
    }

    /// Asks walletd with the cheapest learner-scoped request there is: one statement at most.
    private func sessionState(_ session: StoredSession, walletd: Walletd) -> SessionState {
        guard session.socket == walletd.socketPath else { return .otherDaemon }
        do {
            _ = try walletd { try $0.send(Endpoints.getStatements, query: ["limit": "1"], token: session.token).checked() }
            return .valid
        } catch {
            guard error.status == .notAllowed else { return .unknown }
            return error.code == .sessionExpired ? .expired : .invalid
        }
    }
}
