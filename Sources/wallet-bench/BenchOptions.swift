import Foundation
import WalletAPI

/// wallet-bench's command line. Three options do not justify a parser dependency.
struct BenchOptions {
    var socket: String
    var statements = 2000
    var clients = [1, 8]
    var timeout: Duration = .seconds(30)

    static let usage = """
        USAGE: wallet-bench [--socket PATH] [--statements N] [--clients 1,8]

        Creates a learner and a session in the walletd at PATH, then POSTs N statements (one per
        request) from each number of concurrent clients, and prints statements/s and latency.
        Start walletd with a low KDF cost for this (walletd --scrypt-log-n 10). Build in release.

          --socket PATH      walletd's socket (default: $WALLET_SOCKET, else walletd's default)
          --statements N     statements per run (default 2000)
          --clients LIST     comma-separated client counts, one run each (default 1,8)

        wallet-bench verify [--credentials N]   time verifying N issued credentials offline (no walletd)
        wallet-bench repository --url URL --codes FILE   many PCs syncing with repositoryd at once
        """

    struct Invalid: Error { let message: String }

    static func parse(_ arguments: [String], environment: [String: String]) throws(Invalid) -> BenchOptions? {
        var options = BenchOptions(socket: DefaultPaths.clientSocket(
            environment: environment, fileExists: { FileManager.default.fileExists(atPath: $0) }
        ))
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            // Accept both `--name value` and `--name=value`.
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0]
            if name == "--help" || name == "-h" { return nil }
            guard ["--socket", "--statements", "--clients"].contains(name) else {
                throw Invalid(message: "unknown option \(argument)")
            }
            guard let value = parts.count == 2 ? parts[1] : rest.popFirst() else {
                throw Invalid(message: "\(name) needs a value")
            }
            switch name {
            case "--socket":
                options.socket = value
            case "--statements":
                guard let count = Int(value), count >= 1 else { throw Invalid(message: "--statements must be a whole number ≥ 1") }
                options.statements = count
            default:
                let counts = value.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !counts.isEmpty, counts.allSatisfy({ (1...256).contains($0) }),
                      counts.count == value.split(separator: ",").count
                else { throw Invalid(message: "--clients must list numbers from 1 to 256, e.g. 1,8") }
                options.clients = counts
            }
        }
        return options
    }
}
