import DaemonKit
import RepositoryCore

/// An admin command that meets a full disk, a read-only or a damaged database says so with the
/// exit code of docs/REPOSITORY.md (73, 74) and what to do, instead of a raw SQLite error.
///
/// ```swift
/// Repositoryd.explain(error)?.exitCode   // .databaseDamaged for SQLITE_CORRUPT
/// ```
extension Repositoryd: ExplainsFailures {
    public static func explain(_ error: any Error) -> StartupError? {
        guard let fault = SQLiteRepositoryStore.storageFault(of: error) else { return nil }
        // The command's --data-dir is not known here: the advice names the folder generically.
        return DatabaseStartup.openFailure(error, path: "the repository's database", fault: fault,
                                           whenDamaged: RepositoryStoreStartup.whenDamaged("DATA_DIR"))
    }
}
