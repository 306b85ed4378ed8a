import ArgumentParser

@main
struct WalletCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wallet-cli",
        abstract: "Use the learner wallet: learners, sessions, xAPI statements, progress, courses, sync, assessments and micro-credentials, through walletd.",
        discussion: """
            wallet-cli talks to walletd over its Unix socket (--socket, or $WALLET_SOCKET). \
            After `wallet-cli login`, the session is kept in $WALLET_SESSION, else \
            $XDG_STATE_HOME/wallet-cli/session.json, else ~/.local/state/wallet-cli/session.json (mode 0600).

            \(ExitStatus.helpText)
            """,
        subcommands: [
            StatusCommand.self, LearnerCommand.self, LoginCommand.self, LogoutCommand.self, LockCommand.self, XAPICredentialsCommand.self,
            RecordCommand.self, StatementsCommand.self, ProgressCommand.self, CoursesCommand.self,
            ProfileCommand.self, ConflictsCommand.self, ResolveCommand.self, SyncCommand.self, DeviceCommand.self, ForgetCommand.self, PinCommand.self,
            AssessCommand.self, CredentialsCommand.self, ExportCommand.self, VerifyCommand.self, AuditCommand.self, ContentCommand.self,
        ]
    )
}
