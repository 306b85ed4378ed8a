import Foundation
import Testing
import Basics
@testable import Credentials

/// A verifier reads a status list only when a credential refers to it, only after that
/// credential's issuer is shown to have signed it, and within a byte budget for all its lists.
@Suite("Status lists are read lazily, by their issuer's credentials, within a budget")
struct StatusListResolverTests {
    static let now = ExportFactory.now

    /// A list signed by `key` at `url` that inflates to `bytes`.
    static func list(_ url: String, key: SigningKey, bytes: Int = StatusBitstring.minimumEntries * StatusEntry.size / 8) throws -> WalletExport.StatusListCopy {
        let bits = StatusBitstring(entries: bytes * 8 / StatusEntry.size)
        let signed = try DataIntegrity.sign(StatusListCredential.unsigned(url: url, issuer: key.didKey, validFrom: now, bitstring: bits),
                                            key: key, purpose: .assertionMethod, created: now)
        return .init(url: url, fetchedAt: now, credential: signed)
    }

    /// Before, every bundled list was verified and inflated when the verifier was made: here the
    /// bomb alone would be 8 MiB, and a file may bundle 100 of them.
    @Test func aListNoCredentialRefersToIsNeverRead() throws {
        let issuer = SigningKey.generate()
        let real = try Self.list("https://repo.example/status/a", key: issuer)
        let bomb = try Self.list("https://evil.example/bomb", key: issuer, bytes: StatusBitstring.maximumBytes)
        let resolver = StatusListResolver(given: [], bundled: [bomb, real], now: Self.now, inflateBudget: 40 * 1024)
        guard case .verified(let list) = resolver.resolve(url: real.url, issuer: issuer.didKey.did) else {
            Issue.record("the referenced list is read within 40 KiB: the bomb was not"); return
        }
        #expect(list.signer == issuer.didKey.did)
    }

    @Test func aListSignedBySomeoneElseIsRefusedUnread() throws {
        let issuer = SigningKey.generate(), stranger = SigningKey.generate()
        let bomb = try Self.list("https://evil.example/bomb", key: stranger, bytes: StatusBitstring.maximumBytes)
        let real = try Self.list("https://repo.example/status/a", key: issuer)
        let resolver = StatusListResolver(given: [], bundled: [bomb, real], now: Self.now, inflateBudget: 40 * 1024)
        guard case .unusable(let why) = resolver.resolve(url: bomb.url, issuer: issuer.didKey.did) else {
            Issue.record("a list the issuer did not sign is not used"); return
        }
        #expect(why.contains("not by the credential's issuer"), "\(why)")
        guard case .verified = resolver.resolve(url: real.url, issuer: issuer.didKey.did) else {
            Issue.record("the refused bomb spent none of the budget"); return
        }
    }

    @Test func theListsOfOneVerificationShareABudget() throws {
        let issuer = SigningKey.generate()
        let first = try Self.list("https://repo.example/status/a", key: issuer)
        let second = try Self.list("https://repo.example/status/b", key: issuer)
        let resolver = StatusListResolver(given: [], bundled: [first, second], now: Self.now, inflateBudget: 40 * 1024)
        guard case .verified = resolver.resolve(url: first.url, issuer: issuer.didKey.did) else { Issue.record("first fits"); return }
        guard case .verified = resolver.resolve(url: first.url, issuer: issuer.didKey.did) else { Issue.record("read once, kept"); return }
        guard case .unusable(let why) = resolver.resolve(url: second.url, issuer: issuer.didKey.did) else {
            Issue.record("the second list is beyond the budget"); return
        }
        #expect(why.contains("bytes left for status lists"), "\(why)")
    }
}
