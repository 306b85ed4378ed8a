import ArgumentParser
import DaemonKit
import Foundation
import WalletAPI
import WalletCore

/// `walletd check`: runs SQLite's full `integrity_check` and `foreign_key_check` on the PC's
/// database, then compares the progress walletd keeps with a derivation from every statement
/// (`keptProgressDifferences`), and prints `ok` or every problem found; exits 74 on problems, 76
/// for a database a newer walletd migrated. Only reads, so it may run beside a running walletd.
///
/// ```
/// walletd check --data-dir /var/lib/walletd
/// ```
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the database for damage (integrity_check); works while walletd runs.")

    @Option(name: .long, help: "walletd's data folder (env WALLETD_DATA_DIR).")
    var dataDir: String?

    func run() throws {
        let directory = dataDir ?? DefaultPaths.dataDirectory(environment: ProcessInfo.processInfo.environment)
        do {
            try check(directory)
        } catch {
            FileHandle.standardError.write(Data("walletd: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode.rawValue)
        }
    }

    private func check(_ directory: String) throws(StartupError) {
        let path = (directory as NSString).appendingPathComponent(WalletStore.fileName)
        let whenDamaged = WalletStoreStartup.whenDamaged(directory)
        let problems: [String]
        var progressChecked: Bool?
        do {
            let store = try WalletStore(readingAt: directory)
            var found = try store.integrityCheck()
            if found.isEmpty {
                let differences = try store.keptProgressDifferences()
                progressChecked = differences != nil
                found += differences ?? []
            }
            problems = found
        } catch let error as WalletStoreOpenError {
            throw StartupError(.cannotCreate, "\(error)")
        } catch {
            throw DatabaseStartup.openFailure(error, path: path, fault: WalletStore.storageFault(of: error), whenDamaged: whenDamaged)
        }
        guard problems.isEmpty else {
            for problem in problems { print(problem) }
            throw StartupError(.databaseDamaged, "\(path): \(problems.count) problem(s) found. \(whenDamaged)")
        }
        let progress = progressChecked == true ? "; kept progress equals progress derived from every statement"
            : "; kept progress is not built yet (walletd builds it at its next start)"
        print("ok: \(path) passed integrity_check and foreign_key_check\(progress)")
    }
}
