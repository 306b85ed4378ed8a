import Basics
import DaemonKit
import ArgumentParser
import Foundation

/// The data folder option every subcommand shares, with the same default for the server and the
/// admin commands so that `repositoryd enrolment-code` finds the server's database.
///
/// ```swift
/// @OptionGroup var data: DataDirectoryOption
/// let store = try RepositoryStoreOpener.open(data.resolved)
/// ```
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .long, help: "The repository's data folder (env REPOSITORYD_DATA_DIR; default /var/lib/repositoryd as root, else $XDG_DATA_HOME/repositoryd or ~/.local/share/repositoryd).")
    var dataDir: String?

    var resolved: String {
        if let dataDir { return dataDir }
        return DefaultDataFolder.path(daemon: "repositoryd", environment: ProcessInfo.processInfo.environment)
    }
}
