import ArgumentParser
import Credentials
import Foundation
import RepositoryCore

/// `repositoryd credential list|revoke|suspend|reinstate`: the credentials this repository
/// issued and their status. A change shows in the body's status list at the next GET; revocation
/// is final, a suspension can be lifted.
///
/// ```
/// repositoryd credential list --learner ana --json
/// repositoryd credential revoke urn:uuid:…
/// ```
struct CredentialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "credential", abstract: "List issued credentials; revoke, suspend or reinstate one.",
                                                    subcommands: [List.self, Revoke.self, Suspend.self, Reinstate.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List issued credentials, newest first.")
        @OptionGroup var data: StoreLocationOption
        @Option(name: .long, help: "Only this learner's.") var learner: String?
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() async throws {
            let records = try await RepositoryStoreOpener.open(data).issuedCredentials(learner: learner)
            if json {
                let rows: [[String: String]] = records.map {
                    ["id": $0.id, "learner": $0.learnerID, "course": $0.courseID, "awardingBody": $0.awardingBody,
                     "issued": CredentialDate.string(from: Date(timeIntervalSince1970: Double($0.issuedMs) / 1000)), "status": $0.status.word]
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(rows), as: UTF8.self))
                return
            }
            if records.isEmpty { print(learner.map { "no credential issued to \($0)" } ?? "no credential issued yet") }
            for record in records {
                let issued = CredentialDate.string(from: Date(timeIntervalSince1970: Double(record.issuedMs) / 1000))
                print("\(record.id)\t\(record.learnerID)\t\(record.courseID)\t\(issued)\t\(record.status.word)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a credential (final).")
        @OptionGroup var data: StoreLocationOption
        @Argument(help: "The credential's id (urn:uuid:…).") var id: String
        func run() async throws { try await CredentialCommand.set(id, to: .revoked, data: data) }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Suspend a credential (reinstate lifts it).")
        @OptionGroup var data: StoreLocationOption
        @Argument(help: "The credential's id (urn:uuid:…).") var id: String
        func run() async throws { try await CredentialCommand.set(id, to: .suspended, data: data) }
    }

    struct Reinstate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift a suspension (a revoked credential stays revoked).")
        @OptionGroup var data: StoreLocationOption
        @Argument(help: "The credential's id (urn:uuid:…).") var id: String
        func run() async throws { try await CredentialCommand.set(id, to: .valid, data: data) }
    }

    static func set(_ id: String, to status: CredentialStatusValue, data: StoreLocationOption) async throws {
        let store = try await RepositoryStoreOpener.open(data)
        do {
            let record = try await store.setCredentialStatus(id: id, to: status, nowMs: SQLiteRepositoryStore.systemNowMs())
            print("credential \(record.id) is \(record.status.word) (status list \(record.awardingBody), entry \(record.statusIndex))")
        } catch let error as CredentialAdminError {
            FileHandle.standardError.write(Data("repositoryd: \(error)\n".utf8))
            throw ExitCode(65)
        }
    }
}
