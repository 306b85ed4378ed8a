#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Basics

/// Where walletd keeps its data and socket when no flag or environment variable says otherwise,
/// and so where wallet-cli looks for the socket.
///
/// Run as root (a system service): `/var/lib/walletd` and `/run/walletd/walletd.sock`.
/// Otherwise: `$XDG_DATA_HOME/walletd` (fallback `~/.local/share/walletd`) and
/// `$XDG_RUNTIME_DIR/walletd.sock` (fallback `/tmp/walletd-UID/walletd.sock`, in a 0700 folder).
///
/// ```swift
/// let socket = DefaultPaths.clientSocket(environment: ProcessInfo.processInfo.environment, fileExists: { FileManager.default.fileExists(atPath: $0) })
/// ```
public enum DefaultPaths {
    public static let systemDataDirectory = "/var/lib/walletd"
    public static let systemSocket = "/run/walletd/walletd.sock"

    public static var isRoot: Bool { DefaultDataFolder.isRoot }

    public static func dataDirectory(environment: [String: String], isRoot: Bool = DefaultPaths.isRoot) -> String {
        DefaultDataFolder.path(daemon: "walletd", environment: environment, isRoot: isRoot)
    }

    /// The socket walletd binds by default.
    public static func daemonSocket(environment: [String: String], isRoot: Bool = DefaultPaths.isRoot) -> String {
        if let explicit = environment["WALLETD_SOCKET"], !explicit.isEmpty { return explicit }
        if isRoot { return systemSocket }
        return userSocket(environment)
    }

    /// The socket wallet-cli talks to by default: `WALLET_SOCKET`, else the system service's socket
    /// when it exists, else the current user's own.
    public static func clientSocket(environment: [String: String], fileExists: (String) -> Bool) -> String {
        if let explicit = environment["WALLET_SOCKET"], !explicit.isEmpty { return explicit }
        if fileExists(systemSocket) { return systemSocket }
        return userSocket(environment)
    }

    static func userSocket(_ environment: [String: String]) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") { return runtime + "/walletd.sock" }
        return "/tmp/walletd-\(getuid())/walletd.sock"
    }
}
