import DaemonKit
import Foundation
import Logging
import SecurityPrimitives
import WalletCore

/// Opens walletd's database at start, or stops with a message and exit code an admin can act on:
/// a database from a newer walletd (76), a damaged one (74, found by `PRAGMA quick_check`), a
/// full disk or an unwritable file (73). A read-only database still starts, so learners can read
/// and export what they have; health says `"storage": "read_only"`.
///
/// ```swift
/// let store = try WalletStoreStartup.open("/var/lib/walletd", durability: .full, logger: logger)
/// ```
enum WalletStoreStartup {
    /// What to do with a damaged database, said wherever walletd finds one.
    static func whenDamaged(_ directory: String) -> String {
        "Stop walletd and keep a copy of \(directory). Then either put back a backup made with `walletd backup` "
            + "(copy it to \(directory)/\(WalletStore.fileName) and remove the -wal and -shm files beside it), or start walletd with an empty "
            + "data folder, enrol the PC again (`wallet-cli device enrol`) and bring each learner back with `wallet-cli learner fetch ID`: "
            + "everything this PC synced is on the repository; only what was recorded since its last sync is missing. "
            + "`walletd check --data-dir \(directory)` lists the damage."
    }

    static func open(_ directory: String, durability: Durability, logger: Logger) throws(StartupError) -> WalletStore {
        let path = (directory as NSString).appendingPathComponent(WalletStore.fileName)
        let store: WalletStore
        do {
            store = try WalletStore(directory: directory, durability: durability)
        } catch {
            throw DatabaseStartup.openFailure(error, path: path, fault: WalletStore.storageFault(of: error), whenDamaged: whenDamaged(directory))
        }
        let started = ContinuousClock.now
        let problems: [String]
        do {
            problems = try store.quickCheck()
        } catch {
            throw DatabaseStartup.openFailure(error, path: path, fault: WalletStore.storageFault(of: error), whenDamaged: whenDamaged(directory))
        }
        guard problems.isEmpty else { throw DatabaseStartup.damaged(path: path, problems: problems, whenDamaged: whenDamaged(directory)) }
        let elapsed = ContinuousClock.now - started
        logger.info("database checked", metadata: ["quick_check": "ok", "ms": "\(Int((elapsed / .milliseconds(1)).rounded()))"])
        if let fault = store.storage.fault {
            logger.error("the database cannot be written: walletd serves reads only until an admin fixes it", metadata: ["storage": "\(fault.rawValue)", "path": "\(path)"])
        }
        return store
    }
}
