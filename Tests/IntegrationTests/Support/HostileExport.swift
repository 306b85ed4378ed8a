import Basics
import Credentials
import Foundation

/// A wallet export built to cost a verifier memory: `lists` status lists, each a few kilobytes of
/// GZIP that inflate to the 8 MiB a verifier reads at most, each signed by the key that signs one
/// credential referring to it. Nothing in it is trusted (the key is on no trust list); a verifier
/// that inflates every list it is handed holds `lists` × 8 MiB.
///
/// ```swift
/// let form = "document=" + formEncoded(HostileExport.json(lists: 100))
/// ```
enum HostileExport {
    static func json(lists: Int, now: Date = Date()) throws -> String {
        let key = SigningKey.generate()
        let holder = SigningKey.generate()
        let huge = StatusBitstring(entries: StatusBitstring.maximumBytes * 8 / StatusEntry.size)
        guard case .object(let template) = StatusListCredential.unsigned(url: "https://evil.example/list/0", issuer: key.didKey, validFrom: now, bitstring: huge)
        else { throw HarnessError("a status list is an object") }
        var copies: [WalletExport.StatusListCopy] = []
        var credentials: [JSONValue] = []
        for index in 0..<lists {
            let url = "https://evil.example/list/\(index)"
            var fields = template
            fields["id"] = .string(url)
            let list = try DataIntegrity.sign(.object(fields), key: key, purpose: .assertionMethod, created: now)
            copies.append(.init(url: url, fetchedAt: now, credential: list))
            let credential: JSONValue = .object([
                "@context": .array([.string(CredentialContexts.credentialsV2)]),
                "id": .string("urn:uuid:\(UUID().uuidString.lowercased())"),
                "type": .array(["VerifiableCredential", "OpenBadgeCredential"]),
                "issuer": .string(key.didKey.did),
                "validFrom": .string(CredentialDate.string(from: now.addingTimeInterval(-60))),
                "credentialSubject": .object(["id": .string(holder.didKey.did)]),
                "credentialStatus": StatusEntry(listURL: url, index: index).json,
            ])
            credentials.append(try DataIntegrity.sign(credential, key: key, purpose: .assertionMethod, created: now))
        }
        let presentation = try DataIntegrity.sign(
            Presentation.unsigned(id: "urn:uuid:\(UUID().uuidString.lowercased())", holder: holder.didKey, credentials: credentials),
            key: holder, purpose: .authentication, created: now)
        let export = WalletExport(exportedAt: now, presentation: presentation, statusLists: copies, trustList: nil)
        return String(decoding: export.json.canonicalData(), as: UTF8.self)
    }
}
