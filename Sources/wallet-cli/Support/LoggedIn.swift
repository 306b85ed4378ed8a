/// The logged-in learner and the walletd their session belongs to.
struct LoggedIn {
    let session: StoredSession
    let walletd: Walletd

    var learnerId: String { session.learnerId }
    var token: String { session.token }

    /// Fails with exit 77 and the command to run when nobody is logged in on this socket.
    static func require(_ options: GlobalOptions) throws(CLIError) -> LoggedIn {
        let socket = options.socketPath
        guard let session = try SessionStore().load() else {
            throw CLIError(.notAllowed, "not logged in. Run `wallet-cli login <name>` first (see `wallet-cli learner list`).")
        }
        guard session.socket == socket else {
            throw CLIError(
                .notAllowed,
                "you are logged in to the walletd at \(session.socket), not \(socket). Run `wallet-cli login \(Shell.quoted(session.learnerName)) --socket \(socket)`, or pass --socket \(session.socket)."
            )
        }
        return LoggedIn(session: session, walletd: Walletd(socketPath: socket, learnerNameForHints: session.learnerName))
    }
}
