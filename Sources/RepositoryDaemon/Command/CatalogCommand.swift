import ArgumentParser
import Foundation
import RepositoryCore
import Catalog

/// `repositoryd catalog import FILE`: validate and publish a course catalog; PCs get it at their
/// next sync.
///
/// ```
/// repositoryd catalog import catalog/sample-catalog.json --data-dir /var/lib/repositoryd
/// ```
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog", abstract: "Manage the course catalog.",
                                                    subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Validate a catalog file and publish it.")
        @OptionGroup var data: StoreLocationOption
        @Argument(help: "The catalog JSON file.") var file: String

        func run() async throws {
            let catalog: CatalogFile
            do {
                catalog = try CatalogFile.load(path: file)
            } catch {
                FileHandle.standardError.write(Data("repositoryd: \(error)\n".utf8))
                throw ExitCode(65)
            }
            let store = try await RepositoryStoreOpener.open(data)
            try await store.importCatalog(json: catalog.json, version: catalog.version, nowMs: SQLiteRepositoryStore.systemNowMs())
            print("Published \(catalog.courseCount) courses (catalog version \(catalog.version.prefix(12))…).")
        }
    }
}
