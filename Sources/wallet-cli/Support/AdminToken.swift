import Foundation
import WalletAPI
import WalletClient

#if canImport(Glibc)
import Glibc
#endif

/// The centre admin's token: walletd writes it to `DATA_DIR/admin.token` (mode 0600), so only
/// root or walletd's own user can read it — that is what makes someone the admin.
enum AdminToken {
    static let fileName = "admin.token"

    /// Where the token file is, first match wins: `--admin-token-file`, `$WALLETD_ADMIN_TOKEN_FILE`,
    /// then `admin.token` in walletd's data folder, which is `--data-dir`, else `$WALLETD_DATA_DIR`,
    /// else the folder the walletd on the socket reports (`GET /v1/health`, asked only when
    /// needed), else `DefaultPaths.dataDirectory`.
    static func path(
        explicitFile: String?,
        dataDirectory: String?,
        environment: [String: String],
        reportedDataDirectory: () -> String?
    ) -> String {
        if let explicitFile, !explicitFile.isEmpty { return explicitFile }
        if let file = environment["WALLETD_ADMIN_TOKEN_FILE"], !file.isEmpty { return file }
        let folder: String
        if let dataDirectory, !dataDirectory.isEmpty {
            folder = dataDirectory
        } else if let fromEnvironment = environment["WALLETD_DATA_DIR"], !fromEnvironment.isEmpty {
            folder = fromEnvironment
        } else if let reported = reportedDataDirectory(), reported.hasPrefix("/") {
            folder = reported
        } else {
            folder = DefaultPaths.dataDirectory(environment: environment)
        }
        return (folder as NSString).appendingPathComponent(fileName)
    }

    /// `path` with the data folder reported by the walletd on the socket, believed only when the
    /// token file there belongs to the account that owns the socket. Otherwise whatever listens on
    /// the socket could name the real walletd's folder and receive its admin token from a root
    /// wallet-cli.
    static func locate(explicitFile: String?, dataDirectory: String?, walletd: Walletd) -> String {
        path(explicitFile: explicitFile, dataDirectory: dataDirectory, environment: ProcessInfo.processInfo.environment) {
            guard let reported = (try? walletd { try $0.call(Endpoints.health) })?.dataDirectory else { return nil }
            return sameOwner(socket: walletd.socketPath, file: (reported as NSString).appendingPathComponent(fileName)) ? reported : nil
        }
    }

    /// Whether `file` (not followed if a symlink) has the owner of the socket file.
    static func sameOwner(socket: String, file: String) -> Bool {
        var socketInfo = stat(), fileInfo = stat()
        guard stat(socket, &socketInfo) == 0, lstat(file, &fileInfo) == 0 else { return false }
        return (fileInfo.st_mode & S_IFMT) == S_IFREG && socketInfo.st_uid == fileInfo.st_uid
    }

    /// The token, or an error that says why it cannot be had and what to do.
    static func read(_ path: String) throws(CLIError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            // An existing file we may not read, or one inside a folder we may not enter: EACCES.
            let missing = access(path, F_OK) != 0 && (errno == ENOENT || errno == ENOTDIR)
            throw CLIError(.notAllowed, missing ? missingMessage(path) : deniedMessage(path))
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw CLIError(.notAllowed, "walletd's admin token file \(path) is empty. Restart walletd: it writes a new token when it starts.")
        }
        return token
    }

    static func deniedMessage(_ path: String) -> String {
        "cannot read walletd's admin token at \(path): it sits in walletd's data folder with mode 0600. "
            + "Run as root or as the walletd user (e.g. `sudo wallet-cli …`)."
    }

    static func missingMessage(_ path: String) -> String {
        "there is no walletd admin token at \(path) (walletd writes it when it starts). "
            + "Run as root or as the walletd user, and if walletd keeps its data elsewhere pass --data-dir DIR or --admin-token-file FILE."
    }

    /// The token when it is readable, nil otherwise (for optional admin views).
    static func ifReadable(at path: String) -> String? {
        try? read(path)
    }
}
