import Foundation
import GRDB
import SQLiteStorage
import SecurityPrimitives

/// Backups and restores of the repository's database, with SQLite's online backup: a copy is
/// consistent even while the server writes, and a restore starts a new epoch so every PC sends
/// back what the copy is missing.
///
/// ```swift
/// try store.backup(to: "/srv/backups/2026-12-01/repository.sqlite")
/// let epoch = try SQLiteRepositoryStore.restore(from: "/srv/backups/2026-12-01/repository.sqlite", into: dataDir)
/// ```
extension SQLiteRepositoryStore {
    /// Copies the whole database into `file`, which must not exist yet; owner-only (0600), since
    /// it holds the witness key and the learners' PIN hashes.
    public func backup(to file: String) throws {
        guard !FileManager.default.fileExists(atPath: file) else { throw RepositoryBackupError.destinationExists(file) }
        try OnlineBackup.copy(pool, to: file)
    }

    /// Puts the database in `file` in place of the one in `directory` (the server must be stopped;
    /// the caller holds the data folder's lock), then starts a new epoch. The database it replaces
    /// is kept beside it as `repository.sqlite.before-restore-<time>`. Returns the new epoch.
    public static func restore(from file: String, into directory: String, durability: Durability = .full,
                               nowMs: @escaping @Sendable () -> Int64 = SQLiteRepositoryStore.systemNowMs) throws -> String {
        var readOnly = Configuration()
        readOnly.readonly = true
        let source: DatabaseQueue
        do {
            source = try DatabaseQueue(path: file, configuration: readOnly)
            let verdict = try source.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            guard verdict == ["ok"] else { throw RepositoryBackupError.damaged(file, verdict.prefix(3).joined(separator: "; ")) }
            guard try source.read({ db in try db.tableExists("hub_meta") }) else { throw RepositoryBackupError.notARepository(file) }
        } catch let error as RepositoryBackupError {
            throw error
        } catch {
            throw RepositoryBackupError.unreadable(file, "\(error)")
        }
        // A backup a newer repositoryd made would be put in place and then refused at every start.
        try refuseNewer(RepositoryMigrations.migrator, source, path: file)
        let fm = FileManager.default
        let target = (directory as NSString).appendingPathComponent(fileName)
        let incoming = target + ".restoring"
        try? fm.removeItem(atPath: incoming)
        let copy = try DatabaseQueue(path: incoming)
        try source.backup(to: copy)
        try copy.close()
        try source.close()
        if fm.fileExists(atPath: target) {
            let aside = target + ".before-restore-" + String(nowMs())
            try fm.moveItem(atPath: target, toPath: aside)
            // The old write-ahead log belongs to the old file: it must not be replayed into the copy.
            for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: target + suffix) {
                try fm.moveItem(atPath: target + suffix, toPath: aside + suffix)
            }
        }
        try fm.moveItem(atPath: incoming, toPath: target)
        let store = try SQLiteRepositoryStore(directory: directory, durability: durability, nowMs: nowMs)
        return try store.startNewEpoch(reason: "restored from \(file)")
    }
}

/// Why a backup or a restore did not happen; nothing was changed.
public enum RepositoryBackupError: Error, CustomStringConvertible {
    case destinationExists(String)
    case damaged(String, String)
    case notARepository(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .destinationExists(let path): "\(path) already exists; choose a new file name (a backup never overwrites)"
        case .damaged(let path, let why): "\(path) is damaged (integrity check: \(why)); restore another backup"
        case .notARepository(let path): "\(path) is an SQLite database but not a repository's (no hub_meta table); check the path"
        case .unreadable(let path, let why): "cannot read \(path) as an SQLite database: \(why)"
        }
    }
}
