/// The project's version: one number for walletd, repositoryd, wallet-cli and wallet-bench,
/// reported by `GET /v1/health`, each program's `--version` and the user agent of sync requests.
///
/// ```swift
/// print("walletd \(WalletVersion.string)")
/// ```
public enum WalletVersion {
    public static let string = "0.1.0"
}
