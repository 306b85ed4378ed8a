import Credentials
import Foundation
import WalletAPI

extension HeldCredential {
    /// The credential's status as the cached (already verified) status list says; nil when the
    /// PC holds no list for it or the entry cannot be read.
    public func status(in list: CachedList?) -> CredentialStatusValue? {
        guard let list, let entryJSON = json["credentialStatus"], let entry = try? StatusEntry(json: entryJSON),
              let content = try? StatusListCredential.read(list.json), content.url == entry.listURL
        else { return nil }
        return content.bitstring.status(at: entry.index)
    }

    /// The list entry `wallet-cli credentials` shows.
    public func listItem(statusList: CachedList?) -> CredentialListItem {
        let summary = try? MicroCredentialSummary(json: json)
        let status = status(in: statusList)
        return CredentialListItem(
            id: id, title: summary?.title ?? json["name"]?.stringValue ?? id,
            awardingBody: summary?.issuerName ?? issuer, country: summary?.issuerCountry,
            issued: summary?.validFrom.map(CredentialDate.string(from:)),
            status: status?.word ?? "unknown",
            statusCheckedAt: status == nil ? nil : statusList.map { CredentialDate.string(from: Date(timeIntervalSince1970: Double($0.fetchedMs) / 1000)) },
            verified: problem == nil, problem: problem)
    }
}
