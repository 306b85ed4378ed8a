#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a daemon keeps its data when no flag says otherwise: one rule for walletd and
/// repositoryd, and so for wallet-cli looking for walletd's admin token.
///
/// The environment variable (`WALLETD_DATA_DIR`, `REPOSITORYD_DATA_DIR`), else `/var/lib/NAME` as
/// root, else `$XDG_DATA_HOME/NAME` when that is an absolute path, else `~/.local/share/NAME`.
///
/// ```swift
/// DefaultDataFolder.path(daemon: "repositoryd", environment: ["HOME": "/home/ops"], isRoot: false)
/// // "/home/ops/.local/share/repositoryd"
/// ```
public enum DefaultDataFolder {
    public static var isRoot: Bool { geteuid() == 0 }

    public static func path(daemon: String, environment: [String: String], isRoot: Bool = DefaultDataFolder.isRoot) -> String {
        if let explicit = environment[daemon.uppercased() + "_DATA_DIR"], !explicit.isEmpty { return explicit }
        if isRoot { return "/var/lib/" + daemon }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/" + daemon }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.local/share/" + daemon }
        return "/tmp/\(daemon)-\(getuid())"
    }
}
