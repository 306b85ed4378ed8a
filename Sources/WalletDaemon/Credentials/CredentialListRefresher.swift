import Credentials
import Foundation
import WalletAPI
import WalletCore

/// Fetches the repository's signed trust list and the status lists of the credentials held here,
/// checks their proofs, and caches them. The first trust list pins the repository's key (trust on
/// first use, over the TLS connection the PC was registered on); a list signed by another key is
/// refused. A status list is kept only when signed by the awarding body the trust list names for
/// that URL.
///
/// ```swift
/// try CredentialListRefresher(store: store, client: client, clock: clock).refresh()
/// ```
struct CredentialListRefresher {
    let store: WalletStore
    let client: RepositoryClient
    let clock: WallClock

    func refresh() throws {
        let trustJSON = try client.document("/trust-list")
        guard let signer = DataIntegrity.verify(trustJSON, purpose: .assertionMethod).signer,
              trustJSON["issuer"]?.stringValue == signer.did || trustJSON["issuer"]?["id"]?.stringValue == signer.did
        else { throw RepositoryError.refused(status: 200, code: .invalidTrustList, message: "the repository's trust list does not carry a valid proof by its issuer") }
        let trust = try TrustListContent(json: trustJSON)
        // A list that went back with a restored repository is taken once the PC saw its new epoch.
        try store.storeTrustList(trustJSON, signer: signer.did, version: trust.version, hubEpoch: try store.hubEpoch(), nowMs: clock.nowMs())

        for url in try store.statusListURLs() {
            // Only lists the trust list names, and only from the repository this PC syncs with:
            // a credential cannot make walletd fetch an arbitrary address.
            guard let body = trust.awardingBodies.first(where: { $0.statusList == url }), url.hasPrefix(client.baseURL + "/") else { continue }
            let list = try client.document(String(url.dropFirst(client.baseURL.count)))
            guard DataIntegrity.verify(list, purpose: .assertionMethod).signer?.did == body.did,
                  let content = try? StatusListCredential.read(list), content.url == url
            else { throw RepositoryError.refused(status: 200, code: .invalidStatusList, message: "the status list at \(url) is not signed by \(body.name)") }
            try store.storeStatusList(url: url, json: list, nowMs: clock.nowMs())
        }
    }
}
