import ArgumentParser
import Foundation

/// Runs a daemon's root command from a thin executable's `main.swift`: parses the arguments, then
/// runs the chosen command, awaiting it when it is async. (ArgumentParser's own async `main()`
/// is only chosen for a type marked `@main`, and the daemons' command types live in libraries.)
///
/// ```swift
/// // Sources/walletd/main.swift
/// import DaemonKit
/// import WalletDaemon
/// await CommandMain.run(WalletdCommand.self)
/// ```
public enum CommandMain {
    /// `atEnd` runs once the command is over, whether it succeeded or failed, before the process
    /// exits: for goodbyes a process exit does not say (closing database connections cleanly).
    public static func run<Root: ParsableCommand>(_ root: Root.Type, atEnd: @Sendable () async -> Void = {}) async {
        do {
            let command = try root.parseAsRoot()
            if let asyncCommand = command as? any AsyncParsableCommand {
                try await runAsync(asyncCommand)
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
            await atEnd()
        } catch {
            await atEnd()
            if let failure = (error as? StartupError) ?? (root as? any ExplainsFailures.Type)?.explain(error) {
                let name = root.configuration.commandName ?? "error"
                FileHandle.standardError.write(Data("\(name): \(failure.message)\n".utf8))
                root.exit(withError: ExitCode(failure.exitCode.rawValue))
            }
            root.exit(withError: error)
        }
    }

    /// In a context generic over `AsyncParsableCommand`, `run()` is the async requirement.
    private static func runAsync<Command: AsyncParsableCommand>(_ command: Command) async throws {
        var command = command
        try await command.run()
    }
}
