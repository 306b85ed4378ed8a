import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

struct LoginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Unlock a learner's wallet with their PIN and keep the session for later commands.",
        discussion: """
            LEARNER is a learner id or display name (letter case does not matter). The session \
            expires after walletd's idle time; log in again then. Logging in replaces (and ends) \
            any earlier session kept by wallet-cli.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Learner id or display name.")
    var learner: String

    @Flag(name: .long, help: "Read the PIN from the first line of stdin instead of the terminal.")
    var pinStdin = false

    func run() throws {
        try reportingErrors {
            let socket = options.socketPath
            let walletd = Walletd(socketPath: socket)
            let list = try walletd { try $0.callAllPages(Endpoints.listLearners) }
            let target = try LearnerResolver.resolve(learner, among: list.learners)
            let pin = pinStdin
                ? try PinReader.fromStdin()
                : try PinReader.fromTerminal(prompt: "PIN for \(target.name): ", confirm: false)
            try walletd.requireTrustedForPIN()
            let session = try walletd { try $0.call(Endpoints.login, body: CreateSessionRequest(learner: target.id, pin: pin)) }

            let store = SessionStore()
            endPreviousSession(store: store)
            try store.save(StoredSession(
                token: session.token,
                learnerId: session.learner.id,
                learnerName: session.learner.name,
                socket: socket,
                idleTimeoutSeconds: session.idleTimeoutSeconds,
                loggedInAt: StatementBuilder.timestamp(Date())
            ))

            if options.json {
                // walletd's answer minus the token: secrets never go to stdout.
                return Output.json([
                    "learner": ["id": .string(session.learner.id), "name": .string(session.learner.name)],
                    "idleTimeoutSeconds": .number(Double(session.idleTimeoutSeconds)),
                ])
            }
            Output.line("Logged in as \(session.learner.name) (\(session.learner.id)).")
            let lifetime = session.maxLifetimeSeconds.map { " and at the latest \($0 / 3600) hours after login" } ?? ""
            Output.line("The session ends after \(Self.minutes(session.idleTimeoutSeconds)) without use\(lifetime); `wallet-cli logout` ends it now, `wallet-cli lock` ends every session of this account.")
        }
    }

    /// On a shared PC an abandoned session is a door left open: end the one being replaced.
    private func endPreviousSession(store: SessionStore) {
        guard let previous = try? store.load() else { return }
        let walletd = Walletd(socketPath: previous.socket)
        _ = try? walletd { try $0.call(Endpoints.logout, token: previous.token) }
    }

    static func minutes(_ seconds: Int) -> String {
        if seconds % 60 == 0 { return seconds == 60 ? "1 minute" : "\(seconds / 60) minutes" }
        return seconds == 1 ? "1 second" : "\(seconds) seconds"
    }
}
