import ArgumentParser
import Foundation
import WalletAPI

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "walletd's socket. Default: $WALLET_SOCKET, else the system socket if present, else the user socket.",
            valueName: "path"
        )
    )
    var socket: String?

    @Flag(name: .long, help: "Print walletd's JSON answer (pretty) instead of text.")
    var json = false

    /// The socket this invocation talks to.
    var socketPath: String {
        if let socket, !socket.isEmpty { return socket }
        return DefaultPaths.clientSocket(
            environment: ProcessInfo.processInfo.environment,
            fileExists: { FileManager.default.fileExists(atPath: $0) }
        )
    }
}
