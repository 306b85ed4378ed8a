import ArgumentParser
import Foundation
import RepositoryCore

/// `repositoryd learner erase LEARNER-ID`: the right to erasure at the repository. Works while the
/// server runs (like the other admin commands; the rewrite holds the database's write lock for
/// as long as it takes, so pushes wait meanwhile). What stays and why: docs/REPOSITORY.md, "Erasure".
///
/// ```
/// repositoryd learner erase 0e2c5a1e-…  [--json]
/// repositoryd learner reset-pin 0e2c5a1e-… --assessor "R. Diallo"
/// ```
struct LearnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "learner", abstract: "Erase a learner (the right to erasure), or let one who forgot their PIN set a new one.",
                                                    subcommands: [Erase.self, ResetPIN.self])

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a learner's statements, records, PIN hash, holder key and device links; revoke their credentials. Irreversible.",
            discussion: """
                The learner's issued credentials are revoked and keep only their status-list entry, so a copy an \
                employer holds verifies as revoked. PCs that still hold the learner keep their copy (forget them \
                there with `wallet-cli forget`); they can no longer sync them. Backups taken before keep the \
                learner: see docs/REPOSITORY.md, "Erasure". Exit 65: no such learner here.
                """)
        @OptionGroup var data: StoreLocationOption
        @Argument(help: "The learner's id (as `repositoryd credential list` or their PC shows it).") var learner: String
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() async throws {
            let store = try await RepositoryStoreOpener.open(data)
            let id = learner.trimmingCharacters(in: .whitespaces).lowercased()
            guard let erased = try await store.eraseLearner(id: id, nowMs: SQLiteRepositoryStore.systemNowMs()) else {
                FileHandle.standardError.write(Data("repositoryd: no learner \(id.prefix(64)) here (erased already, or never synced); nothing was changed\n".utf8))
                throw ExitCode(65)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return print(String(decoding: try encoder.encode(erased), as: UTF8.self))
            }
            for line in Self.lines(erased, postgres: data.database != nil) { print(line) }
        }

        static func lines(_ erased: LearnerErasure, postgres: Bool = false) -> [String] {
            var lines = ["learner \(erased.learner) erased: \(erased.statements) statements (\(erased.statementConflicts) conflicting versions), "
                         + "\(erased.records) records with \(erased.recordVersions) old versions, PIN hash and sealed holder key, "
                         + "\(erased.deviceLinks) device links, \(erased.batchLogEntries) batch log entries."]
            if erased.revokedCredentials.isEmpty {
                lines.append("No credential had been issued to them.")
            } else {
                lines.append("Revoked \(erased.revokedCredentials.count) credentials; only their status-list entries stay: "
                             + erased.revokedCredentials.joined(separator: ", "))
            }
            if postgres {
                lines.append("The rows are deleted and the tables vacuumed; PostgreSQL keeps the old bytes in free space, its WAL and its archives until they are reused or rotate out (docs/DEPLOYMENT.md).")
            } else {
                lines.append(erased.compacted
                    ? "The database was rewritten and its write-ahead log emptied: the erased bytes are gone from the data folder's files."
                    : "The database was rewritten, but a reader kept the write-ahead log busy: the erased rows leave it at the server's next checkpoint or when it stops.")
            }
            lines.append("Backups taken before still hold this learner; PCs that hold them keep their copy until `wallet-cli forget` there.")
            return lines
        }
    }
}
