/// How hard the store works to keep an acknowledged write.
///
/// Both settings run SQLite in WAL mode, and every acknowledged request is one committed
/// transaction, so an acknowledged write always survives the daemon being killed (`kill -9`):
/// the WAL is in the kernel's page cache before the answer is sent.
///
/// - `normal` (`PRAGMA synchronous=NORMAL`): the WAL is fsynced at checkpoints only. After a power
///   cut the database is intact, but the last transactions before the cut may be gone.
/// - `full` (`PRAGMA synchronous=FULL`, the default): the WAL is fsynced at every commit. After a power cut
///   every acknowledged write is there, at the cost of one fsync per write.
///
/// ```swift
/// let store = try WalletStore(directory: "/var/lib/walletd", durability: .full)
/// ```
public enum Durability: String, Sendable, CaseIterable {
    case normal
    case full

    public var pragma: String {
        switch self {
        case .normal: "NORMAL"
        case .full: "FULL"
        }
    }
}
