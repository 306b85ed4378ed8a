import Foundation
import WalletAPI

/// The centre admin's token: walletd writes it to `DATA_DIR/admin.token` (mode 0600), so only
/// root or walletd's own user can read it — that is what makes someone the admin.
enum AdminToken {
    /// `--admin-token-file`, else `$WALLETD_ADMIN_TOKEN_FILE`, else walletd's data folder.
    static func path(explicit: String?, dataDirectory: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        let environment = ProcessInfo.processInfo.environment
        if let file = environment["WALLETD_ADMIN_TOKEN_FILE"], !file.isEmpty { return file }
        let folder = dataDirectory ?? DefaultPaths.dataDirectory(environment: environment)
        return (folder as NSString).appendingPathComponent("admin.token")
    }

    static func read(_ path: String) throws(CLIError) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw CLIError(.notAllowed, "cannot read walletd's admin token at \(path). Run this as root or as the walletd user (or point --admin-token-file at walletd's admin.token).")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The admin header when the token is readable, nothing otherwise (for optional admin views).
    static func headerIfReadable(explicit: String? = nil) -> [String: String] {
        guard let token = try? read(path(explicit: explicit, dataDirectory: nil)) else { return [:] }
        return ["X-Walletd-Admin": token]
    }
}
