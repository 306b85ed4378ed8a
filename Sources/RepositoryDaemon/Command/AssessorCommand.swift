import ArgumentParser
import Foundation
import RepositoryCore

/// `repositoryd assessor add|list|remove`: the assessors whose signed attestations count for an
/// awarding body's supervised courses. Works while the server runs; the next `GET /trust-list`
/// is signed again with the change.
///
/// ```
/// repositoryd assessor add --id a-17 --name "Eva Berger" --awarding-body "Gastro-Akademie Rheinland" --did did:key:z6Mk…
/// repositoryd assessor list --json
/// repositoryd assessor remove a-17
/// ```
struct AssessorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assessor", abstract: "Register, list or remove assessors.",
                                                    subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an assessor for an awarding body of the catalog.")
        @OptionGroup var data: StoreLocationOption
        @Option(name: .long, help: "An id of your choice for the assessor (shown in the trust list).") var id: String
        @Option(name: .long, help: "The assessor's name.") var name: String
        @Option(name: .long, help: "The awarding body, exactly as the catalog names it.") var awardingBody: String
        @Option(name: .long, help: "The assessor's Ed25519 did:key (did:key:z6Mk…).") var did: String

        func run() async throws {
            let store = try await RepositoryStoreOpener.open(data)
            do {
                try await store.addAssessor(id: id, name: name, awardingBody: awardingBody, did: did, nowMs: SQLiteRepositoryStore.systemNowMs())
            } catch let error as CredentialAdminError {
                FileHandle.standardError.write(Data("repositoryd: \(error)\n".utf8))
                throw ExitCode(65)
            }
            print("assessor \(id) registered for \(awardingBody)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered assessors.")
        @OptionGroup var data: StoreLocationOption
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() async throws {
            let assessors = try await RepositoryStoreOpener.open(data).assessors()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(assessors), as: UTF8.self))
                return
            }
            if assessors.isEmpty { print("no assessors registered (repositoryd assessor add …)") }
            for assessor in assessors {
                print("\(assessor.id)\t\(assessor.name)\t\(assessor.awardingBody)\t\(assessor.did)")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an assessor (their later attestations no longer count).")
        @OptionGroup var data: StoreLocationOption
        @Argument(help: "The assessor's id.") var id: String

        func run() async throws {
            guard try await RepositoryStoreOpener.open(data).removeAssessor(id: id) else {
                FileHandle.standardError.write(Data("repositoryd: no assessor with id \(id); repositoryd assessor list shows them\n".utf8))
                throw ExitCode(65)
            }
            print("assessor \(id) removed")
        }
    }
}
