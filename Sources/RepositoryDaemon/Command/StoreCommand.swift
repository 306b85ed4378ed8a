import ArgumentParser
import DaemonKit
import Foundation
import RepositoryCore

/// `repositoryd store copy`: moves a centre's repository from its data folder (SQLite) into an
/// empty PostgreSQL database, keys folder included, and checks every table on both sides
/// (docs/DEPLOYMENT.md, "Moving a centre's repository to PostgreSQL").
///
/// ```
/// repositoryd store copy --from /var/lib/repositoryd --to postgres://repositoryd@db:5432/wallet --keys-dir /etc/repositoryd/keys
/// ```
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Move the repository between stores.",
                                                    subcommands: [Copy.self])

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a data folder's repository into an empty PostgreSQL database (the server stopped), then verify it.")

        @Option(name: .long, help: "The data folder the repository is in now (its server stopped).")
        var from: String

        @Option(name: .long, help: "The empty PostgreSQL database: postgres://USER@HOST:PORT/DB (password in REPOSITORYD_DATABASE_PASSWORD).")
        var to: String

        @Option(name: .long, help: "The keys folder the PostgreSQL instances will read; the data folder's keys are copied into it.")
        var keysDir: String

        func run() async throws {
            DataFolder.useOwnerOnlyUmask()
            let location: PostgresLocation
            do { location = try PostgresLocation(url: to) } catch { throw Self.fail("\(error)", code: 64) }
            // The server must not write while the copy reads: its lock says whether it runs.
            let lock = try DataFolderLock.acquire(path: from + "/repositoryd.lock", daemon: "repositoryd server", what: "data folder \(from)",
                                                  otherwise: "stop it first: the copy must see the repository as it stands")
            defer { withExtendedLifetime(lock) {} }
            let source = try RepositoryStoreOpener.open(from)
            do {
                try KeysFolderCopy.copy(from: (from as NSString).appendingPathComponent("keys"), to: keysDir)
            } catch {
                throw Self.fail("\(error)", code: 73)
            }
            let target: PostgresRepositoryStore
            do {
                target = try await PostgresRepositoryStore.open(location: location, keysDirectory: keysDir, connections: 2)
            } catch {
                let (message, code) = RepositoryStoreOpener.postgresFailure(error, location: location)
                throw Self.fail(message, code: code)
            }
            do {
                let report = try await PostgresStoreCopy.copy(from: source, to: target)
                await target.close()
                for table in report.tables {
                    print("\(table.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(format: "%9d", table.rows))  sha256 \(table.sha256.prefix(16))…  same on both sides")
                }
                print("Copied and verified into \(location) (change number \(report.changeSequence)). Start the repositoryd instances with:")
                print("  repositoryd serve --database \(location) --keys-dir \(keysDir)")
                print("and keep \(from) as it is until the PCs have synced with the new store.")
            } catch {
                await target.close()
                throw Self.fail("the copy failed and nothing of it was kept: \(error)", code: 70)
            }
        }

        static func fail(_ message: String, code: Int32) -> ExitCode {
            FileHandle.standardError.write(Data("repositoryd store copy: \(message)\n".utf8))
            return ExitCode(code)
        }
    }
}
