import Credentials
import Foundation
import SyncEngine
import Testing
import WalletAPI
import SecurityPrimitives
import Basics
@testable import WalletCore

@Suite("Holder key sealed under the PIN")
struct HolderKeySealTests {
    // Cheap scrypt for tests; the cost is a parameter of the sealed form, read back on open.
    let cost = ScryptCost(logN: 4)

    @Test func opensWithTheRightPINAndLearnerOnly() throws {
        let key = SigningKey.generate()
        let sealed = try HolderKeySeal.seal(key, pin: "246800", learnerID: "ana", cost: cost)
        #expect(sealed.did == key.didKey.did)
        #expect(try HolderKeySeal.open(sealed, pin: "246800", learnerID: "ana").seed == key.seed)
        #expect(throws: HolderKeySeal.Failure.cannotOpen) { try HolderKeySeal.open(sealed, pin: "246900", learnerID: "ana") }
        #expect(throws: HolderKeySeal.Failure.cannotOpen) { try HolderKeySeal.open(sealed, pin: "246800", learnerID: "bo") }
        var otherDID = sealed
        otherDID.did = SigningKey.generate().didKey.did
        #expect(throws: HolderKeySeal.Failure.cannotOpen) { try HolderKeySeal.open(otherDID, pin: "246800", learnerID: "ana") }
    }

    @Test func theSealedFormNeverHoldsTheSeed() throws {
        for _ in 0..<50 {
            let key = SigningKey.generate()
            let sealed = try HolderKeySeal.seal(key, pin: "246800", learnerID: "ana", cost: cost)
            let stored = Data(sealed.json.encodedString.utf8)
            let seed = Data(key.seed)
            for needle in [seed, Data(Base64URL.encode(seed).utf8), Data(seed.base64EncodedString().utf8),
                           Data(seed.map { String(format: "%02x", $0) }.joined().utf8)] {
                #expect(stored.range(of: needle) == nil)
            }
            // Same key and PIN, sealed twice: fresh salt and nonce each time.
            let again = try HolderKeySeal.seal(key, pin: "246800", learnerID: "ana", cost: cost)
            #expect(again.sealed != sealed.sealed && again.salt != sealed.salt)
        }
    }

    @Test func anyFlippedBitIsRefused() throws {
        let key = SigningKey.generate()
        let sealed = try HolderKeySeal.seal(key, pin: "246800", learnerID: "ana", cost: cost)
        let bytes = try #require(Base64URL.decode(sealed.sealed))
        for position in stride(from: 0, to: bytes.count * 8, by: 7) {
            var flipped = [UInt8](bytes)
            flipped[position / 8] ^= 1 << UInt8(position % 8)
            var changed = sealed
            changed.sealed = Base64URL.encode(flipped)
            #expect(throws: HolderKeySeal.Failure.cannotOpen) { try HolderKeySeal.open(changed, pin: "246800", learnerID: "ana") }
        }
    }

    @Test func storedFormRoundTrips() throws {
        let sealed = try HolderKeySeal.seal(SigningKey.generate(), pin: "246800", learnerID: "ana", cost: cost)
        #expect(try WireHolderKey(storedJSON: sealed.json.encodedString) == sealed)
        #expect(throws: SyncWireError.self) { try WireHolderKey(storedJSON: "{}") }
    }
}

@Suite("Credentials checked on arrival")
struct CredentialArrivalTests {
    func issued(to holder: String, by issuer: SigningKey) throws -> JSONValue {
        let unsigned: JSONValue = [
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": "urn:uuid:7d4c3b1a-0000-4000-8000-000000000001",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": ["id": .string(issuer.didKey.did), "name": "Body"],
            "validFrom": "2026-11-26T10:00:00Z",
            "credentialSubject": ["id": .string(holder)],
        ]
        return try DataIntegrity.sign(unsigned, key: issuer, purpose: .assertionMethod, created: Date(timeIntervalSince1970: 1_790_000_000))
    }

    @Test func acceptsOnlyAProperlySignedCredentialForThisHolder() throws {
        let issuer = SigningKey.generate(), ana = SigningKey.generate().didKey.did
        let good = try issued(to: ana, by: issuer)
        #expect(CredentialArrival.check(good, learnerDID: ana, trustList: nil)?.problem == nil)
        #expect(CredentialArrival.check(good, learnerDID: SigningKey.generate().didKey.did, trustList: nil)?.problem?.contains("not to this learner") == true)
        #expect(CredentialArrival.check(good, learnerDID: nil, trustList: nil)?.problem != nil)

        guard case .object(var fields) = good else { Issue.record("not an object"); return }
        fields["validFrom"] = "2020-01-01T00:00:00Z"
        #expect(CredentialArrival.check(.object(fields), learnerDID: ana, trustList: nil)?.problem?.contains("proof") == true)

        let trust = TrustListContent(version: 1, verificationPage: "https://repo.example/verify", awardingBodies: [], assessors: [])
        #expect(CredentialArrival.check(good, learnerDID: ana, trustList: trust)?.problem?.contains("trust list") == true)
        #expect(CredentialArrival.check(["no": "id"], learnerDID: ana, trustList: nil) == nil)
    }

    /// A key the body rotated away from: what it signed inside its window arrives verified,
    /// what it dates after its window does not.
    @Test func aRetiredIssuerKeyIsTakenOnlyInsideItsWindow() throws {
        let issuer = SigningKey.generate(), ana = SigningKey.generate().didKey.did
        let good = try issued(to: ana, by: issuer)   // signed at 1_790_000_000
        func trust(retiredAt: TimeInterval) -> TrustListContent {
            let body = TrustListContent.AwardingBody(
                did: SigningKey.generate().didKey.did, name: "Body", country: "DE", url: nil, slug: "body", statusList: "https://repo.example/status/body",
                keys: [IssuerKeyWindow(did: issuer.didKey.did, validFrom: nil, validUntil: Date(timeIntervalSince1970: retiredAt))])
            return TrustListContent(version: 2, verificationPage: "https://repo.example/verify", awardingBodies: [body], assessors: [])
        }
        #expect(CredentialArrival.check(good, learnerDID: ana, trustList: trust(retiredAt: 1_790_000_001))?.problem == nil)
        #expect(CredentialArrival.check(good, learnerDID: ana, trustList: trust(retiredAt: 1_790_000_000))?.problem?.contains("outside the window") == true)
    }
}
