import DaemonKit
import ArgumentParser
import Foundation
import Credentials
import RepositoryCore
import SecurityPrimitives

/// `repositoryd key list|rotate`: the awarding bodies' issuer keys. A rotation makes a new key for
/// one body: credentials issued from then on are signed with it (and the body's status list is
/// signed again with it), while the old key stays on the trust list with the window it signed in,
/// so every credential it signed keeps verifying and nothing it signs later does. Works while the
/// server runs; old keys stay in the keys folder (`issuers/SLUG.TIME.key`).
///
/// ```
/// repositoryd key list
/// repositoryd key rotate --body "Gastro-Akademie Rheinland"
/// ```
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "key", abstract: "List or rotate the awarding bodies' issuer keys.",
                                                    subcommands: [List.self, Rotate.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every awarding body's keys, each with the window it signs in.")
        @OptionGroup var data: StoreLocationOption

        func run() async throws {
            let store = try await RepositoryStoreOpener.open(data)
            let keys = data.keyring
            let bodies = try await store.awardingBodies()
            if bodies.isEmpty { print("no awarding bodies (import a catalog with `repositoryd catalog import`)") }
            for record in bodies {
                print("\(record.body.name) (\(record.slug))")
                let windows = try keys.issuerKeyWindows(slug: record.slug)
                if windows.isEmpty {
                    print("  \(try keys.issuerKey(slug: record.slug).didKey.did)  current, never rotated")
                }
                for window in windows { print("  \(window.did)  \(window.text)") }
            }
            let successions = try keys.successions().count
            print("trust anchor: \(try keys.repositoryKey().didKey.did) (\(successions) succession\(successions == 1 ? "" : "s"), `repositoryd trust-anchor rotate` adds one)")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new issuer key for one awarding body; credentials signed with the old one still verify.",
            discussion: """
                The old key stays on the trust list with a window ending \(Int(IssuerKeyWindow.rotationOverlap / 60)) minutes \
                from now (so a credential being signed meanwhile still verifies); a proof dated later by that key is refused.
                """)
        @OptionGroup var data: StoreLocationOption
        @Option(name: .long, help: "The awarding body: its name exactly as the catalog has it, or its slug (`repositoryd key list`).")
        var body: String

        func run() async throws {
            let store = try await RepositoryStoreOpener.open(data)
            guard let record = try await store.awardingBodies().first(where: { $0.body.name == body || $0.slug == body }) else {
                FileHandle.standardError.write(Data("repositoryd: no awarding body of the catalog is named or has the slug '\(body.prefix(200))'; `repositoryd key list` shows them\n".utf8))
                throw ExitCode(65)
            }
            let rotation: IssuerKeyring.Rotation
            do {
                rotation = try data.keyring.rotateIssuerKey(slug: record.slug, at: Date())
            } catch {
                FileHandle.standardError.write(Data("repositoryd: \(error)\n".utf8))
                throw ExitCode(73)
            }
            try await store.appendAudit([AuditEvent(.keyRotate, detail: ["key": "issuer", "slug": record.slug, "previous": rotation.previous.did,
                                                                   "next": rotation.next.did])],
                                  nowMs: SQLiteRepositoryStore.systemNowMs())
            print(rotation.next.did)
            let until = rotation.at.addingTimeInterval(IssuerKeyWindow.rotationOverlap)
            FileHandle.standardError.write(Data("""
                repositoryd: \(record.body.name) now signs with \(rotation.next.did); \(rotation.previous.did) stays on the trust list \
                for credentials it signed before \(CredentialDate.string(from: until)).

                """.utf8))
        }
    }
}
