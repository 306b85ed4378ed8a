import Basics

/// What a daemon says when its database stops it at start (or stops an admin command): a database
/// from a newer version (exit 76), a damaged one (exit 74), a full disk or an unwritable file
/// (exit 73), each with what to do next.
///
/// ```swift
/// do { store = try WalletStore(directory: dir, durability: .full) }
/// catch { throw DatabaseStartup.openFailure(error, path: path, fault: WalletStore.storageFault(of: error), whenDamaged: advice) }
/// let problems = try store.quickCheck()
/// if !problems.isEmpty { throw DatabaseStartup.damaged(path: store.path, problems: problems, whenDamaged: advice) }
/// ```
public enum DatabaseStartup {
    public static func openFailure(_ error: any Error, path: String, fault: StorageFault?, whenDamaged: String) -> StartupError {
        if let newer = error as? NewerDatabaseError { return StartupError(.databaseTooNew, newer.description) }
        switch fault {
        case .damaged:
            return StartupError(.databaseDamaged, "the database \(path) is damaged (\(error)). \(whenDamaged)")
        case .full:
            return StartupError(.cannotCreate, "the disk holding \(path) is full (\(error)). Free disk space, then try again; nothing was lost.")
        case .readOnly:
            return StartupError(.cannotCreate, "\(path) cannot be written (\(error)): make the data folder and its files writable by the daemon's user, or remount the disk read-write.")
        case nil:
            return StartupError(.cannotCreate, "cannot open the database \(path): \(error)")
        }
    }

    /// The start check (`PRAGMA quick_check`) found problems.
    public static func damaged(path: String, problems: [String], whenDamaged: String) -> StartupError {
        let shown = problems.prefix(5).joined(separator: "; ") + (problems.count > 5 ? "; … (\(problems.count) problems)" : "")
        return StartupError(.databaseDamaged, "the database \(path) is damaged (quick_check: \(shown)). It was not changed. \(whenDamaged)")
    }
}
