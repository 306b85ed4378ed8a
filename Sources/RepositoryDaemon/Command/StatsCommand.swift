import ArgumentParser
import Foundation
import RepositoryCore

/// `repositoryd stats`: what the repository holds and how much has arrived (read from the
/// database; works while the server runs).
///
/// ```
/// repositoryd stats --data-dir /var/lib/repositoryd --json    # {"statementsStored": …, "statementsReceived": …, …}
/// ```
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Show what the repository holds.")
    @OptionGroup var data: StoreLocationOption
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() async throws {
        let stats = try await RepositoryStoreOpener.open(data).stats()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(stats), as: UTF8.self))
            return
        }
        print("""
            statements stored:    \(stats.statementsStored)
            statements received:  \(stats.statementsReceived) (\(stats.statementsDuplicate) sent again, \(stats.statementConflicts) conflicting versions kept)
            push batches:         \(stats.batches) (\(stats.batchesReplayed) answered from the batch log)
            records:              \(stats.records) (\(stats.recordVersions) versions kept)
            learners:             \(stats.learners)
            devices:              \(stats.devices)
            catalog version:      \(stats.catalogVersion.map { String($0.prefix(12)) + "…" } ?? "none imported")
            """)
    }
}
