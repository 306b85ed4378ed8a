import ArgumentParser
import DaemonKit
import Foundation
import WalletAPI
import WalletCore

/// `walletd backup DEST`: a consistent copy of the PC's database (SQLite's online backup, so it
/// works while walletd runs) in a new owner-only folder, and how to put it back.
///
/// ```
/// walletd backup /srv/backups/walletd-2026-12-01 --data-dir /var/lib/walletd
/// ```
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database into a new folder (SQLite online backup); works while walletd runs.")

    @Option(name: .long, help: "walletd's data folder (env WALLETD_DATA_DIR).")
    var dataDir: String?

    @Argument(help: "A folder that does not exist yet.")
    var destination: String

    func run() throws {
        let directory = dataDir ?? DefaultPaths.dataDirectory(environment: ProcessInfo.processInfo.environment)
        do {
            try backup(directory)
        } catch {
            FileHandle.standardError.write(Data("walletd: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode.rawValue)
        }
    }

    private func backup(_ directory: String) throws(StartupError) {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: destination) else {
            throw StartupError(.cannotCreate, "\(destination) already exists; a backup never overwrites: choose a new folder name.")
        }
        let path = (directory as NSString).appendingPathComponent(WalletStore.fileName)
        let store: WalletStore
        do {
            store = try WalletStore(readingAt: directory)
        } catch let error as WalletStoreOpenError {
            throw StartupError(.cannotCreate, "\(error)")
        } catch {
            throw DatabaseStartup.openFailure(error, path: path, fault: WalletStore.storageFault(of: error),
                                              whenDamaged: WalletStoreStartup.whenDamaged(directory))
        }
        DataFolder.useOwnerOnlyUmask()
        let copy = (destination as NSString).appendingPathComponent(WalletStore.fileName)
        do {
            try fm.createDirectory(atPath: destination, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try store.backup(to: copy)
        } catch {
            throw StartupError(.cannotCreate, "the backup into \(destination) failed: \(error). Nothing in walletd changed; remove \(destination) and try again.")
        }
        print("Backed up \(path) into \(copy).")
        print("""
            To put it back: stop walletd, then in \(directory): rm -f \(WalletStore.fileName)-wal \(WalletStore.fileName)-shm; \
            cp \(copy) \(WalletStore.fileName).new && mv \(WalletStore.fileName).new \(WalletStore.fileName) (as walletd's user); start walletd. \
            A new file (not one copied over the old) lets walletd see the restore and take a new replica id; \
            what it had synced after this backup comes back from the repository (docs/WALLETD.md, "Backups and restores").
            """)
    }
}
