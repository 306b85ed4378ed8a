import DaemonKit
import WalletCore

/// A walletd command that meets a full disk, a read-only or a damaged database says so with the
/// exit code of docs/WALLETD.md (73, 74) and what to do, instead of a raw SQLite error.
///
/// ```swift
/// WalletdCommand.explain(error)?.exitCode   // .databaseDamaged for SQLITE_CORRUPT
/// ```
extension WalletdCommand: ExplainsFailures {
    public static func explain(_ error: any Error) -> StartupError? {
        guard let fault = WalletStore.storageFault(of: error) else { return nil }
        // The command's --data-dir is not known here: the advice names the folder generically.
        return DatabaseStartup.openFailure(error, path: "walletd's database", fault: fault, whenDamaged: WalletStoreStartup.whenDamaged("DATA_DIR"))
    }
}
