import ArgumentParser
import WalletCore

/// `repositoryd`: the central repository — course catalog, sync hub for the centres' PCs.
///
/// ```
/// repositoryd serve --data-dir /var/lib/repositoryd --port 8443 --tls-cert cert.pem --tls-key key.pem --catalog catalog.json
/// repositoryd enrolment-code --data-dir /var/lib/repositoryd
/// ```
@main
struct Repositoryd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repositoryd",
        abstract: "The learner wallet's central repository: course catalog and sync hub for the centres' PCs.",
        version: WalletVersion.string,
        subcommands: [ServeCommand.self, EnrolmentCodeCommand.self, CatalogCommand.self, StatsCommand.self],
        defaultSubcommand: ServeCommand.self)
}

/// The data folder option every subcommand shares.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .long, help: "The repository's data folder (env REPOSITORYD_DATA_DIR; default /var/lib/repositoryd as root, else ~/.local/share/repositoryd).")
    var dataDir: String?

    var resolved: String {
        if let dataDir { return dataDir }
        let environment = ProcessInfo.processInfo.environment
        if let value = environment["REPOSITORYD_DATA_DIR"], !value.isEmpty { return value }
        if getuid() == 0 { return "/var/lib/repositoryd" }
        let home = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((environment["HOME"] ?? "/tmp") + "/.local/share")
        return home + "/repositoryd"
    }
}

import Foundation
