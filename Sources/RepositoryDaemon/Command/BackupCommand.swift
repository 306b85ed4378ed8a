import ArgumentParser
import DaemonKit
import Foundation
import RepositoryCore

/// `repositoryd backup DEST`: a consistent copy of the repository while it runs — the database
/// through SQLite's online backup, and the issuing keys. DEST is a new folder.
///
/// ```
/// repositoryd backup /srv/backups/repository-2026-12-01 --data-dir /var/lib/repositoryd
/// ```
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the repository (database and issuing keys) into a new folder; works while the server runs.")

    @OptionGroup var data: StoreLocationOption
    @Argument(help: "A folder that does not exist yet.") var destination: String

    func run() throws {
        try data.requireDataFolder("repositoryd backup")
        let fm = FileManager.default
        guard !fm.fileExists(atPath: destination) else {
            throw StartupError(.cannotCreate, "\(destination) already exists; a backup never overwrites: choose a new folder name.")
        }
        let store = try RepositoryStoreOpener.open(data.resolved)
        DataFolder.useOwnerOnlyUmask()
        do {
            try fm.createDirectory(atPath: destination, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try store.backup(to: (destination as NSString).appendingPathComponent(SQLiteRepositoryStore.fileName))
            let keys = (data.resolved as NSString).appendingPathComponent("keys")
            if fm.fileExists(atPath: keys) { try fm.copyItem(atPath: keys, toPath: (destination as NSString).appendingPathComponent("keys")) }
        } catch {
            throw StartupError(.cannotCreate, "the backup into \(destination) failed: \(error). Nothing in the repository changed; remove \(destination) and try again.")
        }
        let stats = try store.stats()
        print("Backed up \(stats.statementsStored) statements, \(stats.learners) learners and \(stats.devices) devices into \(destination).")
        print("To put it back: stop repositoryd, then run repositoryd restore \(destination) --data-dir \(data.resolved)")
    }
}
