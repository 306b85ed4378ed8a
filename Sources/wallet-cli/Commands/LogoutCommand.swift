import ArgumentParser
import WalletAPI
import WalletClient
import Basics

struct LogoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "End the session in walletd and remove the session file.",
        discussion: "The session file is removed even when walletd cannot be reached."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let store = SessionStore()
            guard let session = try store.load() else {
                return report(nil, "Not logged in; nothing to do.")
            }
            // The socket the session was opened on, whatever --socket says: that is where it lives.
            let walletd = Walletd(socketPath: session.socket, learnerNameForHints: session.learnerName)
            var ended: CLIError?
            do throws(CLIError) {
                _ = try walletd { try $0.call(Endpoints.logout, token: session.token) }
            } catch {
                ended = error
            }
            try store.remove()
            switch ended {
            case nil:
                report(session, "Logged out \(session.learnerName).")
            case let error? where error.status == .notAllowed:
                // Expired or unknown: walletd had already ended it.
                report(session, "Logged out \(session.learnerName) (the session had already ended).")
            case let error?:
                throw CLIError(error.status, "removed the local session of \(session.learnerName), but walletd could not end it: \(error.message)")
            }
        }
    }

    private func report(_ session: StoredSession?, _ text: String) {
        guard options.json else { return Output.line(text) }
        var out: [String: JSONValue] = ["loggedOut": .bool(session != nil)]
        if let session { out["learner"] = ["id": .string(session.learnerId), "name": .string(session.learnerName)] }
        Output.json(.object(out))
    }
}
