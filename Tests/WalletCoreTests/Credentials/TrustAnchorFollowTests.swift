import Credentials
import Foundation
import Testing
import Basics
@testable import WalletCore

/// A PC pins the repository's trust-list key at its first sync. When the repository rotates that
/// key, the PC follows only an unbroken chain of hand-overs from its pinned key, pins the new key
/// and logs it; anything else is refused and the held list stays.
@Suite("walletd follows the trust-list key's successions")
struct TrustAnchorFollowTests {
    static func list(version: Int, signer: SigningKey, successions: [JSONValue] = []) throws -> JSONValue {
        var content = TrustListContent(version: version, verificationPage: "https://repo.example/verify", awardingBodies: [], assessors: [])
        content.successions = successions
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        return try DataIntegrity.sign(content.unsignedCredential(id: "https://repo.example/trust-list", issuer: signer.didKey, validFrom: at),
                                      key: signer, purpose: .assertionMethod, created: at)
    }

    @Test func aChainOfHandOversIsFollowedAndTheNewKeyPinned() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let k0 = SigningKey.generate(), k1 = SigningKey.generate(), k2 = SigningKey.generate()
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let chain = [try TrustAnchorSuccession.sign(previous: k0, next: k1.didKey, at: at), try TrustAnchorSuccession.sign(previous: k1, next: k2.didKey, at: at)]
        try fixture.store.storeTrustList(try Self.list(version: 1, signer: k0), signer: k0.didKey.did, version: 1, hubEpoch: "e1", nowMs: 1)
        // Two rotations while this PC was offline: it follows both at once.
        try fixture.store.storeTrustList(try Self.list(version: 3, signer: k2, successions: chain), signer: k2.didKey.did, version: 3, hubEpoch: "e1", nowMs: 2)
        #expect(try fixture.store.trustList()?.anchor == k2.didKey.did)
        let entry = try #require(try fixture.store.auditLog().entries.last)
        #expect(entry.kind == "key_rotate" && entry.detail.contains(k0.didKey.did) && entry.detail.contains(k2.didKey.did))
        // From now on the old key is no longer what this PC trusts.
        #expect(throws: TrustListError.otherSigner(pinned: k2.didKey.did, found: k0.didKey.did)) {
            try fixture.store.storeTrustList(try Self.list(version: 4, signer: k0), signer: k0.didKey.did, version: 4, hubEpoch: "e1", nowMs: 3)
        }
    }

    @Test func aListSignedByAKeyThePinnedOneNeverNamedIsRefusedAndTheHeldListStays() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let pinned = SigningKey.generate(), stranger = SigningKey.generate(), other = SigningKey.generate()
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let held = try Self.list(version: 1, signer: pinned)
        try fixture.store.storeTrustList(held, signer: pinned.didKey.did, version: 1, hubEpoch: "e1", nowMs: 1)
        // The stranger carries a hand-over from some other key, not from the pinned one.
        let unrelated = [try TrustAnchorSuccession.sign(previous: other, next: stranger.didKey, at: at)]
        #expect(throws: TrustListError.otherSigner(pinned: pinned.didKey.did, found: stranger.didKey.did)) {
            try fixture.store.storeTrustList(try Self.list(version: 9, signer: stranger, successions: unrelated), signer: stranger.didKey.did,
                                             version: 9, hubEpoch: "e1", nowMs: 2)
        }
        #expect(try fixture.store.trustList()?.anchor == pinned.didKey.did)
        #expect(try fixture.store.trustList()?.list.json == held)

        // The admin's way back: after the PC is enrolled again the next list's key is pinned
        // afresh; the held list stays until then (offline checks keep working), and only once.
        try fixture.store.enrol(repository: "https://repo.example", device: "d-2", token: "t-2", caFile: nil, nowMs: 3)
        #expect(try fixture.store.trustList()?.list.json == held)
        try fixture.store.storeTrustList(try Self.list(version: 1, signer: stranger), signer: stranger.didKey.did, version: 1, hubEpoch: "e1", nowMs: 4)
        #expect(try fixture.store.trustList()?.anchor == stranger.didKey.did)
        #expect(throws: TrustListError.otherSigner(pinned: stranger.didKey.did, found: other.didKey.did)) {
            try fixture.store.storeTrustList(try Self.list(version: 2, signer: other), signer: other.didKey.did, version: 2, hubEpoch: "e1", nowMs: 5)
        }
    }
}
