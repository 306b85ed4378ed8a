import Basics
import ArgumentParser
import Foundation
import Logging
import WalletAPI
import WalletCore
import SecurityPrimitives
import DaemonKit

/// `walletd serve` (and plain `walletd`): the learner wallet daemon. Parses flags and environment,
/// then hands a `WalletdConfiguration` to `WalletdServer`.
public struct Walletd: AsyncParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The learner wallet daemon: keeps learners' xAPI progress in SQLite and serves it on a Unix socket (the default command).",
        discussion: """
            Defaults: as root, data in \(DefaultPaths.systemDataDirectory) and the socket at \(DefaultPaths.systemSocket); \
            otherwise $XDG_DATA_HOME/walletd and $XDG_RUNTIME_DIR/walletd.sock.
            Environment: WALLETD_DATA_DIR, WALLETD_SOCKET, WALLETD_SOCKET_GROUP, LOG_LEVEL.
            Exit codes: 73 cannot open or create, 74 damaged database, 75 already running, 76 database from a newer walletd, 78 bad setting.
            """,
        version: WalletVersion.string)

    @Option(name: .long, help: "Folder for the database and lock file (env WALLETD_DATA_DIR).")
    var dataDir: String?

    @Option(name: .long, help: "Unix socket path to serve on (env WALLETD_SOCKET).")
    var socket: String?

    @Option(name: .long, help: "Let members of this group connect: the socket folder becomes 0750 and the socket 0660 (env WALLETD_SOCKET_GROUP).")
    var socketGroup: String?

    @Option(name: .long, help: "Minutes a session may stay unused before it expires.")
    var sessionIdleMinutes: Int = 15

    @Option(name: .long, help: "Hours a session lasts at most, however busy (a shared PC left logged in ends by then).")
    var sessionMaxHours: Int = 8

    @Option(name: .long, help: "SQLite fsync policy: full (every acknowledged write survives power loss) or normal (survives a crash of walletd; the last writes may be lost on power loss).")
    var synchronous: Durability = .full

    @Option(name: .long, help: "scrypt cost as log2(N) for new PINs. Default 15. Lower values are for tests and benchmarks only.")
    var scryptLogN: Int = ScryptCost.standard.logN

    @Option(name: .long, help: "Largest request body accepted, in bytes.")
    var maxBodyBytes: Int = 4 * 1024 * 1024

    @Option(name: .long, help: "Largest cmi5 course package `wallet-cli content import` may send, in bytes (docs/CONTENT.md).")
    var maxPackageBytes: Int = 512 << 20

    @Option(name: .long, help: "Seconds between background syncs with the repository (once registered).")
    var syncInterval: Int = 60

    @Option(name: .long, help: "Statements per sync batch (1-1000).")
    var syncBatchSize: Int = 1_000

    @Option(name: .long, help: "Days after which a learner who has not used this PC leaves its pull set (back at their next login or `wallet-cli learner fetch`); 0 keeps every learner.")
    var syncIdleLearnerDays: Int = 180

    @Option(name: .long, help: ArgumentHelp("Milliseconds to wait after a local change before syncing.", visibility: .hidden))
    var syncDebounceMs: Int = 2_000

    @Option(name: .long, help: "Serve the learners' wallet page on this loopback address (127.0.0.1:PORT, localhost:PORT or [::1]:PORT; port 0 picks one and writes it to web-address in the data folder), or `off` (env WALLETD_HTTP).")
    var http: String = ProcessInfo.processInfo.environment["WALLETD_HTTP"].flatMap { $0.isEmpty ? nil : $0 } ?? WebAddress.defaultValue

    @Option(name: .long, help: ArgumentHelp("For tests: shift this daemon's clock by this many seconds.", visibility: .hidden))
    var clockOffsetSeconds: Int64 = 0

    public func validate() throws {
        guard (1...86_400).contains(syncInterval) else {
            throw ValidationError("--sync-interval must be between 1 and 86400 seconds.")
        }
        guard (1...1_000).contains(syncBatchSize) else {
            throw ValidationError("--sync-batch-size must be between 1 and 1000.")
        }
        guard (0...36_500).contains(syncIdleLearnerDays) else {
            throw ValidationError("--sync-idle-learner-days must be between 0 and 36500.")
        }
        guard (0...600_000).contains(syncDebounceMs) else {
            throw ValidationError("--sync-debounce-ms must be between 0 and 600000.")
        }
        guard (1...24 * 60).contains(sessionIdleMinutes) else {
            throw ValidationError("--session-idle-minutes must be between 1 and 1440.")
        }
        guard (1...72).contains(sessionMaxHours) else {
            throw ValidationError("--session-max-hours must be between 1 and 72.")
        }
        guard (10...20).contains(scryptLogN) else {
            throw ValidationError("--scrypt-log-n must be between 10 and 20.")
        }
        guard (1024...(64 * 1024 * 1024)).contains(maxBodyBytes) else {
            throw ValidationError("--max-body-bytes must be between 1024 and 67108864.")
        }
        guard (1024...(4 << 30)).contains(maxPackageBytes) else {
            throw ValidationError("--max-package-bytes must be between 1024 and 4294967296 (4 GiB, the ZIP format's limit without ZIP64).")
        }
        do { _ = try WebAddress.parse(http) } catch { throw ValidationError(error.description) }
    }

    public func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = DaemonLogger.make(label: "walletd", environment: environment)
        let configuration = WalletdConfiguration(
            dataDirectory: dataDir ?? DefaultPaths.dataDirectory(environment: environment),
            socketPath: socket ?? DefaultPaths.daemonSocket(environment: environment),
            socketGroup: socketGroup ?? environment["WALLETD_SOCKET_GROUP"].flatMap { $0.isEmpty ? nil : $0 },
            sessions: SessionPolicy(idleMs: Int64(sessionIdleMinutes) * 60_000, maxLifetimeMs: Int64(sessionMaxHours) * 3_600_000),
            durability: synchronous,
            pinCost: ScryptCost(logN: scryptLogN),
            maxBodyBytes: maxBodyBytes,
            syncIntervalSeconds: syncInterval,
            syncBatchSize: syncBatchSize,
            syncDebounceMs: syncDebounceMs,
            clockOffsetMs: clockOffsetSeconds * 1_000,
            syncIdleLearnerMs: syncIdleLearnerDays == 0 ? nil : Int64(syncIdleLearnerDays) * 86_400_000,
            maxPackageBytes: maxPackageBytes,
            web: try WebAddress.parse(http))
        do {
            try await WalletdServer(configuration: configuration, logger: logger).run()
        } catch let error as StartupError {
            FileHandle.standardError.write(Data("walletd: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode.rawValue)
        }
    }
}
