import ArgumentParser
import Basics
import DaemonKit
import Foundation
import RepositoryCore

/// `repositoryd check`: runs SQLite's full `integrity_check` and `foreign_key_check` on the
/// repository's database and prints `ok` or every problem found; exits 74 on problems, 76 for a
/// database a newer repositoryd migrated. Only reads and never migrates, so it may run beside a
/// running server.
///
/// ```
/// repositoryd check --data-dir /var/lib/repositoryd
/// ```
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check the database for damage (integrity_check); works while the server runs.")

    @OptionGroup var data: StoreLocationOption

    func run() throws {
        try data.requireDataFolder("repositoryd check")
        do {
            try check(data.resolved)
        } catch {
            FileHandle.standardError.write(Data("repositoryd: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode.rawValue)
        }
    }

    private func check(_ directory: String) throws(StartupError) {
        let path = (directory as NSString).appendingPathComponent(SQLiteRepositoryStore.fileName)
        let whenDamaged = RepositoryStoreStartup.whenDamaged(directory)
        let problems: [String]
        do {
            problems = try SQLiteRepositoryStore.integrityCheck(directory: directory)
        } catch let error as RepositoryBackupError {
            throw StartupError(.cannotCreate, "\(error)")
        } catch {
            throw DatabaseStartup.openFailure(error, path: path, fault: SQLiteRepositoryStore.storageFault(of: error), whenDamaged: whenDamaged)
        }
        guard problems.isEmpty else {
            for problem in problems { print(problem) }
            throw StartupError(.databaseDamaged, "\(path): \(problems.count) problem(s) found. \(whenDamaged)")
        }
        print("ok: \(path) passed integrity_check and foreign_key_check")
    }
}
