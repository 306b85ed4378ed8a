import Foundation
import GRDB

/// A copy of a whole database made with SQLite's online backup: consistent while the daemon keeps
/// writing, and owner-only (0600), since both databases hold PIN hashes and keys.
///
/// ```swift
/// try OnlineBackup.copy(pool, to: "/srv/backup/wallet.sqlite")
/// ```
public enum OnlineBackup {
    /// Copies `source` into `file`, which the caller has made sure does not exist.
    public static func copy(_ source: some DatabaseReader, to file: String) throws {
        let previous = umask(0o077)
        defer { umask(previous) }
        let destination = try DatabaseQueue(path: file)
        try source.backup(to: destination)
        try destination.close()
        chmod(file, 0o600)
    }
}
