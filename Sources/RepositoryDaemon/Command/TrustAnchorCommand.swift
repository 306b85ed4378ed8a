import DaemonKit
import ArgumentParser
import Foundation
import RepositoryCore

/// `repositoryd trust-anchor`: prints the repository's DID, the key that signs the trust list.
/// Employers pass it to `wallet-cli verify --trust-anchor`. Makes the key on first use.
///
/// ```
/// repositoryd trust-anchor --data-dir /var/lib/repositoryd    # did:key:z6Mk…
/// ```
struct TrustAnchorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trust-anchor", abstract: "Print the repository's DID (signs the trust list).")
    @OptionGroup var data: DataDirectoryOption

    func run() throws {
        DataFolder.useOwnerOnlyUmask()
        do {
            print(try IssuerKeyring.inDataDirectory(data.resolved).repositoryKey().didKey.did)
        } catch {
            FileHandle.standardError.write(Data("repositoryd: \(error)\n".utf8))
            throw ExitCode(73)
        }
    }
}
