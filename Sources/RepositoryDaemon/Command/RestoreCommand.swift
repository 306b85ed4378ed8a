import ArgumentParser
import DaemonKit
import Foundation
import RepositoryCore
import Basics

/// `repositoryd restore SOURCE`: puts a backup back (a folder from `repositoryd backup`, a copy of
/// the data folder, or a `repository.sqlite` file) and starts a new epoch, so every PC sends what
/// the backup is missing at its next sync and pulls everything again. The server must be stopped;
/// the database it replaces is kept beside it.
///
/// ```
/// repositoryd restore /srv/backups/repository-2026-12-01 --data-dir /var/lib/repositoryd
/// ```
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Put a backup back and start a new epoch (PCs then send what the backup lacks). Stop the server first.")

    @OptionGroup var data: StoreLocationOption
    @Argument(help: "A folder made by `repositoryd backup`, a copy of the data folder, or a repository.sqlite file.") var source: String

    func run() throws {
        try data.requireDataFolder("repositoryd restore")
        let directory = data.resolved
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: source, isDirectory: &isFolder) else {
            throw StartupError(.badInput, "\(source) does not exist; give the backup folder or its repository.sqlite.")
        }
        let file = isFolder.boolValue ? (source as NSString).appendingPathComponent(SQLiteRepositoryStore.fileName) : source
        DataFolder.useOwnerOnlyUmask()
        try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // Held until the command ends: no server may run on the folder while its database changes.
        let lock = try DataFolderLock.acquire(path: directory + "/repositoryd.lock", daemon: "repositoryd",
                                              what: "data folder \(directory)", otherwise: "restore once it has stopped (a restore replaces its database)")
        defer { withExtendedLifetime(lock) {} }
        let epoch: String
        do {
            epoch = try SQLiteRepositoryStore.restore(from: file, into: directory)
        } catch let error as RepositoryBackupError {
            throw StartupError(.badInput, "\(error). Nothing was changed.")
        } catch let error as NewerDatabaseError {
            throw StartupError(.databaseTooNew, "the backup \(error)")
        }
        let keys = (directory as NSString).appendingPathComponent("keys")
        let savedKeys = ((isFolder.boolValue ? source : (source as NSString).deletingLastPathComponent) as NSString).appendingPathComponent("keys")
        if !fm.fileExists(atPath: keys), fm.fileExists(atPath: savedKeys) { try fm.copyItem(atPath: savedKeys, toPath: keys) }
        let stats = try SQLiteRepositoryStore(directory: directory, durability: .full).stats()
        print("Restored \(stats.statementsStored) statements, \(stats.learners) learners and \(stats.devices) devices from \(file).")
        print("New epoch \(epoch): at their next sync the PCs send everything they hold that this copy lacks, and pull from the start.")
        print("The database it replaced is kept in \(directory) as repository.sqlite.before-restore-…; delete it once the PCs have synced.")
    }
}
