import Foundation
import SecurityPrimitives
import DaemonKit
import RepositoryCore

/// Everything `repositoryd serve` needs, resolved from its flags.
///
/// ```swift
/// let config = RepositoryConfiguration(dataDirectory: "/var/lib/repositoryd", host: "0.0.0.0", port: 8443, catalogFile: nil,
///                                      tlsCertificate: "cert.pem", tlsKey: "key.pem", durability: .full, maxBodyBytes: 64 << 20, debugDelayMs: 0)
/// ```
struct RepositoryConfiguration: Sendable {
    var dataDirectory: String
    var host: String
    var port: Int
    var catalogFile: String?
    var tlsCertificate: String?
    var tlsKey: String?
    var durability: Durability
    var maxBodyBytes: Int
    var debugDelayMs: Int
    /// Base URL of the credential documents (`--public-url`); nil: the listener's address.
    var publicURL: String? = nil
    var retention = RepositoryRetention()
    /// A connection with nothing read or written this long is closed.
    var idleTimeoutSeconds = 120
    /// Connections served at once; more wait in the listen backlog.
    var maxConnections = 2_048
    /// `--metrics-token-file`: with it, `GET /metrics` wants this token from every caller; without
    /// it, only loopback callers are answered (`MetricsAccess`).
    var metricsTokenFile: String? = nil
    /// `--database`: the PostgreSQL store instead of the data folder's SQLite.
    var postgres: PostgresLocation? = nil
    /// The keys folder (`--keys-dir`); nil: the data folder's `keys`.
    var keysDirectory: String? = nil
    /// Connections this instance keeps to PostgreSQL at most (`--database-connections`).
    var databaseConnections = 20
    /// Push and pull requests applied at once (`--sync-concurrency`); the others wait their turn
    /// with their bodies unread, so the memory a morning rush takes does not grow with the PCs.
    var syncConcurrency = 4

    /// The keys folder in use.
    var resolvedKeysDirectory: String {
        keysDirectory ?? (dataDirectory as NSString).appendingPathComponent("keys")
    }
}
