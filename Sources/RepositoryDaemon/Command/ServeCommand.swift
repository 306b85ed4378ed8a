import Basics
import ArgumentParser
import Foundation
import Logging
import SecurityPrimitives
import DaemonKit
import RepositoryCore

/// `repositoryd serve`: the HTTP(S) server (the default subcommand). Options: docs/REPOSITORY.md.
///
/// ```
/// repositoryd serve --data-dir /var/lib/repositoryd --host 0.0.0.0 --port 8443 --tls-cert cert.pem --tls-key key.pem
/// repositoryd serve --data-dir /tmp/repo --port 0     # tests: the "repositoryd ready port=N" line says which port
/// repositoryd serve --database postgres://repositoryd@db:5432/wallet --keys-dir /etc/repositoryd/keys --port 8443
/// ```
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the sync and catalog API (the default command).")

    @OptionGroup var data: StoreLocationOption

    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "TCP port (0 picks a free one; the ready log line says which).")
    var port = 8443

    @Option(name: .long, help: "Import this course catalog (JSON) at start.")
    var catalog: String?

    @Option(name: .long, help: "PEM certificate chain for HTTPS.")
    var tlsCert: String?

    @Option(name: .long, help: "PEM private key for HTTPS.")
    var tlsKey: String?

    @Option(name: .long, help: "SQLite fsync policy: full (default) or normal.")
    var synchronous = Durability.full

    @Option(name: .long, help: "Largest request body, in bytes (default 64 MiB).")
    var maxBodyBytes = 64 << 20

    @Option(name: .long, help: "Base URL employers and PCs reach this repository at, written into credentials (status lists) and the trust list (default: https://HOST:PORT of the listener).")
    var publicURL: String?

    @Option(name: .long, help: "Versions of each profile or enrolment record kept in its history, newest first (0 keeps every version).")
    var recordHistoryVersions = 100

    @Option(name: .long, help: "Days the push batch log keeps a batch's answer (a batch resent later is applied again, which changes nothing).")
    var batchLogDays = 14

    @Option(name: .long, help: "Close a connection that sends and receives nothing for this many seconds (a PC that lost power mid-request).")
    var idleTimeoutSeconds = 120

    @Option(name: .long, help: "Connections served at once; more wait to be accepted.")
    var maxConnections = 2_048

    @Option(name: .long, help: "A file holding the bearer token GET /metrics then wants from every caller (without it, only callers on this machine are answered).")
    var metricsTokenFile: String?

    @Option(name: .long, help: "With --database: connections this instance keeps to PostgreSQL at most.")
    var databaseConnections = 20

    @Option(name: .long, help: "Push and pull requests applied at once; the others wait their turn unread (up to --max-connections), so memory does not grow with the PCs syncing.")
    var syncConcurrency = 4

    @Option(name: .long, help: ArgumentHelp("For tests: wait this many milliseconds before answering each push.", visibility: .hidden))
    var debugDelayMs = 0

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535.") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("Give both --tls-cert and --tls-key, or neither.") }
        guard (1024...(1 << 30)).contains(maxBodyBytes) else { throw ValidationError("--max-body-bytes must be 1024…1073741824.") }
        guard (0...60_000).contains(debugDelayMs) else { throw ValidationError("--debug-delay-ms must be 0…60000.") }
        guard (0...1_000_000).contains(recordHistoryVersions) else { throw ValidationError("--record-history-versions must be 0…1000000.") }
        guard (1...3_650).contains(batchLogDays) else { throw ValidationError("--batch-log-days must be 1…3650.") }
        guard (1...86_400).contains(idleTimeoutSeconds) else { throw ValidationError("--idle-timeout-seconds must be 1…86400.") }
        guard (1...1_000_000).contains(maxConnections) else { throw ValidationError("--max-connections must be 1…1000000.") }
        guard (1...1_000).contains(databaseConnections) else { throw ValidationError("--database-connections must be 1…1000.") }
        guard (1...1_000).contains(syncConcurrency) else { throw ValidationError("--sync-concurrency must be 1…1000.") }
        if let publicURL {
            guard publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://"), publicURL.count > 8, !publicURL.contains(" "),
                  !publicURL.contains("?"), !publicURL.contains("#")
            else { throw ValidationError("--public-url must be an http(s) URL without query or fragment, such as https://repository.example:8443.") }
        }
    }

    func run() async throws {
        let logger = DaemonLogger.make(label: "repositoryd", environment: ProcessInfo.processInfo.environment)
        let configuration = RepositoryConfiguration(
            dataDirectory: data.resolved, host: host, port: port, catalogFile: catalog, tlsCertificate: tlsCert, tlsKey: tlsKey,
            durability: synchronous, maxBodyBytes: maxBodyBytes, debugDelayMs: debugDelayMs,
            publicURL: publicURL, retention: RepositoryRetention(recordVersions: recordHistoryVersions, batchLogDays: batchLogDays),
            idleTimeoutSeconds: idleTimeoutSeconds, maxConnections: maxConnections, metricsTokenFile: metricsTokenFile,
            postgres: try data.postgres(), keysDirectory: data.keysDir, databaseConnections: databaseConnections, syncConcurrency: syncConcurrency)
        do {
            try await RepositoryServer(configuration: configuration, logger: logger).run()
        } catch let error as StartupError {
            FileHandle.standardError.write(Data("repositoryd: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode.rawValue)
        }
    }
}
