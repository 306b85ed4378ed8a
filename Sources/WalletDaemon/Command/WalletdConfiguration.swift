import WalletCore
import SecurityPrimitives
import DaemonKit

/// Everything walletd needs to start, resolved from flags, environment and platform defaults.
///
/// ```swift
/// let config = WalletdConfiguration(dataDirectory: "/tmp/w", socketPath: "/tmp/w/s.sock", socketGroup: nil,
///                                   sessions: SessionPolicy(idleMs: 900_000, maxLifetimeMs: 28_800_000),
///                                   durability: .full, pinCost: .standard, maxBodyBytes: 4 << 20)
/// ```
struct WalletdConfiguration: Sendable {
    var dataDirectory: String
    var socketPath: String
    var socketGroup: String?
    var sessions: SessionPolicy
    var durability: Durability
    var pinCost: ScryptCost
    var maxBodyBytes: Int
    /// Seconds between background syncs when nothing else triggers one.
    var syncIntervalSeconds: Int = 60
    /// Statements per push batch and per pull answer.
    var syncBatchSize: Int = 1_000
    /// How long after a local change the background sync starts (changes come in bursts).
    var syncDebounceMs: Int = 2_000
    /// Added to the system clock: tests set two PCs' clocks hours apart with it.
    var clockOffsetMs: Int64 = 0
    /// Learners unused this long leave the pull set; nil keeps everyone.
    var syncIdleLearnerMs: Int64? = 180 * 86_400_000
    /// The largest course package `POST /v1/content` takes, in bytes (docs/CONTENT.md).
    var maxPackageBytes: Int = 512 << 20
    /// Where the wallet page listens (`--http`); nil when it is off.
    var web: WebAddress? = nil
}
