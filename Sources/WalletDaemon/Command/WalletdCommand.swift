import ArgumentParser
import Basics

/// `walletd`: serves by default (`Walletd`, also `walletd serve`); `check` and `backup` are the
/// admin's tools for its database. The entry point `Sources/walletd/main.swift` runs this.
///
/// ```
/// walletd --data-dir /var/lib/walletd --socket /run/walletd/walletd.sock
/// walletd check --data-dir /var/lib/walletd
/// walletd backup /srv/backups/walletd-2026-12-01 --data-dir /var/lib/walletd
/// ```
public struct WalletdCommand: AsyncParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "walletd",
        abstract: "The learner wallet daemon: keeps learners' xAPI progress in SQLite and serves it on a Unix socket.",
        discussion: """
            Without a command walletd serves (walletd serve --help lists its flags).
            Exit codes: 73 cannot open or create, 74 damaged database, 75 already running, 76 database from a newer walletd, 78 bad setting (docs/WALLETD.md).
            """,
        version: WalletVersion.string,
        subcommands: [Walletd.self, CheckCommand.self, BackupCommand.self],
        defaultSubcommand: Walletd.self)
}
