import DaemonKit
import ArgumentParser
import Foundation
import RepositoryCore
import SecurityPrimitives

/// `repositoryd trust-anchor [show|rotate]`: prints the repository's DID, the key that signs the
/// trust list (employers pass it to `wallet-cli verify --trust-anchor`; made on first use), or
/// hands over to a new key. A rotation has the old key sign a succession statement naming the new
/// key's DID; every later trust list carries the statements, so PCs and employers who pinned the
/// old key follow to the new one, and no one follows to a key the old one never named.
///
/// ```
/// repositoryd trust-anchor --data-dir /var/lib/repositoryd           # did:key:z6Mk…
/// repositoryd trust-anchor rotate --data-dir /var/lib/repositoryd    # the old key hands over to a new one
/// ```
struct TrustAnchorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trust-anchor", abstract: "Print the repository's DID (signs the trust list), or rotate it.",
                                                    subcommands: [Show.self, Rotate.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the repository's DID (made on first use).")
        @OptionGroup var data: StoreLocationOption

        func run() async throws {
            DataFolder.useOwnerOnlyUmask()
            do {
                print(try data.keyring.repositoryKey().didKey.did)
            } catch {
                FileHandle.standardError.write(Data("repositoryd: \(error)\n".utf8))
                throw ExitCode(73)
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new trust-list key; the old one signs the hand-over, PCs follow at their next sync.",
            discussion: """
                The old key stays in the keys folder (repository.TIME.key) and signs nothing after this. \
                Works while the server runs: it signs the next trust list with the new key. Tell employers \
                the new DID; one who still passes the old DID is led to the new key by the statement the \
                trust list carries.
                """)
        @OptionGroup var data: StoreLocationOption

        func run() async throws {
            let store = try await RepositoryStoreOpener.open(data)
            let keys = data.keyring
            let rotation: IssuerKeyring.Rotation
            do {
                rotation = try keys.rotateRepositoryKey(at: Date())
            } catch {
                FileHandle.standardError.write(Data("repositoryd: \(error)\n".utf8))
                throw ExitCode(73)
            }
            try await store.appendAudit([AuditEvent(.keyRotate, detail: ["key": "trust-anchor", "previous": rotation.previous.did, "next": rotation.next.did])],
                                  nowMs: SQLiteRepositoryStore.systemNowMs())
            print(rotation.next.did)
            FileHandle.standardError.write(Data("""
                repositoryd: the trust list is now signed by \(rotation.next.did); \(rotation.previous.did) signed the hand-over. \
                PCs follow at their next sync; give employers the new DID for `wallet-cli verify --trust-anchor`.

                """.utf8))
        }
    }
}
