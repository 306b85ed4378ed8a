#if canImport(Glibc)
import Glibc
#endif

/// What stands at a socket path, asked only after connecting to it failed.
///
/// ```swift
/// SocketProbe.look("/run/walletd/walletd.sock")   // .missing, .noPermission or .present
/// ```
public enum SocketProbe {
    /// What ``look(_:)`` found; ``WalletdClientError/init(curl:socket:probe:)`` takes it from a
    /// stand-in in tests.
    ///
    /// ```swift
    /// let probe: (String) -> SocketProbe.Finding = { _ in .noPermission }
    /// ```
    public enum Finding: Sendable, Equatable {
        /// No file there (or a folder on the way is missing).
        case missing
        /// The file, or a folder on its way, is there but this user may not use it.
        case noPermission
        /// A file this user may use: nothing listens on it.
        case present
    }

    /// Asks the file system, as the calling user.
    public static func look(_ path: String) -> Finding {
        if access(path, R_OK | W_OK) == 0 { return .present }
        switch errno {
        case EACCES, EPERM: return .noPermission
        case ENOENT, ENOTDIR: return .missing
        default: return .present
        }
    }
}
