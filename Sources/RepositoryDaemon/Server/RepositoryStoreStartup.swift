import DaemonKit
import Logging
import RepositoryCore

/// What repositoryd checks about its database at start, and what it says when it stops there: a
/// database from a newer repositoryd (exit 76), a damaged one (exit 74, `PRAGMA quick_check`).
///
/// ```swift
/// try RepositoryStoreStartup.check(store, logger: logger)
/// ```
enum RepositoryStoreStartup {
    /// What to do with a damaged repository database, said wherever repositoryd finds one.
    static func whenDamaged(_ directory: String) -> String {
        "Keep a copy of \(directory), then put back the latest backup with `repositoryd restore BACKUP --data-dir \(directory)` "
            + "(the server stopped): the restore starts a new epoch and every PC sends back what the backup lacks at its next sync. "
            + "`repositoryd check --data-dir \(directory)` lists the damage."
    }

    /// Runs `PRAGMA quick_check` and logs how long it took; throws exit 74 on problems.
    static func check(_ store: SQLiteRepositoryStore, directory: String, logger: Logger) throws(StartupError) {
        let started = ContinuousClock.now
        let problems: [String]
        do {
            problems = try store.quickCheck()
        } catch {
            throw DatabaseStartup.openFailure(error, path: store.path, fault: SQLiteRepositoryStore.storageFault(of: error),
                                              whenDamaged: whenDamaged(directory))
        }
        guard problems.isEmpty else { throw DatabaseStartup.damaged(path: store.path, problems: problems, whenDamaged: whenDamaged(directory)) }
        let elapsed = ContinuousClock.now - started
        logger.info("database checked", metadata: ["quick_check": "ok", "ms": "\(Int((elapsed / .milliseconds(1)).rounded()))"])
        if let fault = store.storage.fault {
            logger.error("the database cannot be written: the repository serves reads only until an admin fixes it",
                         metadata: ["storage": "\(fault.rawValue)", "path": "\(store.path)"])
        }
    }
}
