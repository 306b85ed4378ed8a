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
