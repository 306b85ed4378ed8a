import Foundation
import Testing
import Basics
import _CryptoExtras
@testable import WalletCore

/// xAPI Data 2.6 on the LRS side: well-formed signatures pass, each kind of malformed one is
/// refused with its own reason, and a payload counts when it is the statement as 409s compare.
@Suite struct StatementSignatureTests {
    static let statement = Statements.make(id: "6f1c1d2e-0000-4000-8000-00000000a001", verb: "passed")

    func check(_ statement: JSONValue, _ parts: [String: XAPIAttachmentPart]) -> Result<Bool, StatementSignatureError> {
        Result { () throws(StatementSignatureError) in try StatementSignature.check(statement, parts: parts) }
    }

    @Test(arguments: ["RS256", "RS384", "RS512"])
    func aWellFormedSignatureVerifiesWithItsX5cKey(alg: String) throws {
        let (signed, parts) = SignedStatementFixture.signed(Self.statement, jws: try SignedStatementFixture.jws(Self.statement, alg: alg, x5c: true))
        #expect(check(signed, parts) == .success(true))
    }

    @Test func withoutX5cTheFormIsCheckedAndNothingElse() throws {
        let (signed, parts) = SignedStatementFixture.signed(Self.statement, jws: try SignedStatementFixture.jws(Self.statement))
        #expect(check(signed, parts) == .success(true))
        #expect(check(Self.statement, [:]) == .success(false), "no signature attachment: not signed, nothing to refuse")
    }

    @Test func aPayloadWithoutIdOrWithAnotherTimestampSpellingIsTheSameStatement() throws {
        guard case .object(var fields) = Self.statement else { return }
        fields["timestamp"] = "2026-12-01T10:00:00Z"
        var payload = fields
        payload["id"] = nil
        payload["timestamp"] = "2026-12-01T11:00:00.000+01:00"
        let (signed, parts) = SignedStatementFixture.signed(.object(fields), jws: try SignedStatementFixture.jws(.object(payload)))
        #expect(check(signed, parts) == .success(true))
    }

    @Test func aTamperedStatementOrPayloadIsRefused() throws {
        let jws = try SignedStatementFixture.jws(Self.statement)
        let other = Statements.make(id: "6f1c1d2e-0000-4000-8000-00000000a001", verb: "failed")
        let (signed, parts) = SignedStatementFixture.signed(other, jws: jws)
        #expect(check(signed, parts) == .failure(.payloadDiffers))

        // The signature no longer covers the bytes: the x5c check catches it.
        let good = try SignedStatementFixture.jws(Self.statement, x5c: true)
        let pieces = good.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map(Array.init)
        var flipped = pieces[2]
        flipped[flipped.count / 2] = flipped[flipped.count / 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let (signedFlipped, partsFlipped) = SignedStatementFixture.signed(Self.statement, jws: pieces[0] + [0x2E] + pieces[1] + [0x2E] + flipped)
        #expect(check(signedFlipped, partsFlipped) == .failure(.signatureInvalid(algorithm: "RS256")))
    }

    @Test func aCertificateOfAnotherKeyDoesNotVerify() throws {
        let stranger = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let jws = try SignedStatementFixture.jws(Self.statement, x5c: true, signer: SignedStatementFixture.key)
        // Swap the header for one naming the stranger's certificate, keeping payload and signature.
        let pieces = jws.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map(Array.init)
        let header: JSONValue = ["alg": "RS256", "x5c": [.string(Data(SignedStatementFixture.certificate(for: stranger.publicKey)).base64EncodedString())]]
        let swapped = Array(Base64URL.encode(Array(header.encoded())).utf8) + [0x2E] + pieces[1] + [0x2E] + pieces[2]
        let (signed, parts) = SignedStatementFixture.signed(Self.statement, jws: swapped)
        #expect(check(signed, parts) == .failure(.signatureInvalid(algorithm: "RS256")))
    }

    @Test(arguments: ["HS256", "none", "ES256", "PS256"])
    func otherAlgorithmsAreRefused(alg: String) throws {
        let header = Base64URL.encode(Array(JSONValue.object(["alg": .string(alg)]).encoded()))
        let jws = Array("\(header).\(Base64URL.encode(Array(Self.statement.encoded()))).c2lnbmF0dXJl".utf8)
        let (signed, parts) = SignedStatementFixture.signed(Self.statement, jws: jws)
        #expect(check(signed, parts) == .failure(.unsupportedAlgorithm(alg)))
    }

    @Test(arguments: ["", "abc", "a.b", "a.b.c.d", "!!.eyJ9.c2ln", "eyJhbGciOiJSUzI1NiJ9..c2ln", "bm90IGpzb24.eyJ9.c2ln",
                      "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "eyJhbGciOiJSUzI1NiJ9.WzFd.c2ln"])
    func malformedJWSIsRefused(text: String) {
        let (signed, parts) = SignedStatementFixture.signed(Self.statement, jws: Array(text.utf8))
        guard case .failure(let error) = check(signed, parts) else {
            Issue.record("\"\(text)\" was accepted")
            return
        }
        switch error {
        case .notCompactJWS, .unreadableHeader, .unreadablePayload: break
        default: Issue.record("\"\(text)\": \(error)")
        }
    }

    @Test func anRSASignatureTooShortForAnyKeyIsRefusedEvenWithoutX5c() {
        let header = Base64URL.encode(Array(JSONValue.object(["alg": "RS256"]).encoded()))
        for signature in ["", "c2ln"] {
            let jws = Array("\(header).\(Base64URL.encode(Array(Self.statement.encoded()))).\(signature)".utf8)
            let (signed, parts) = SignedStatementFixture.signed(Self.statement, jws: jws)
            guard case .failure(.notCompactJWS) = check(signed, parts) else {
                Issue.record("signature \"\(signature)\" was not refused as malformed")
                continue
            }
        }
    }

    @Test func theAttachmentItselfMustBeRight() throws {
        let jws = try SignedStatementFixture.jws(Self.statement)
        let (signed, parts) = SignedStatementFixture.signed(Self.statement, jws: jws)
        #expect(check(signed, [:]) == .failure(.noSignatureData(sha2: parts.keys.first ?? "")))
        let (twice, _) = SignedStatementFixture.signed(signed, jws: jws)
        #expect(check(twice, parts) == .failure(.severalSignatures))
        guard case .object(var fields) = signed, var attachments = fields["attachments"]?.arrayValue,
              case .object(var attachment) = attachments[0] else { return }
        attachment["contentType"] = "application/jose"
        attachments[0] = .object(attachment)
        fields["attachments"] = .array(attachments)
        #expect(check(.object(fields), parts) == .failure(.wrongContentType("application/jose")))
    }

    @Test func criticalHeaderExtensionsAreRefused() throws {
        let header = Base64URL.encode(Array(JSONValue.object(["alg": "RS256", "crit": ["exp"], "exp": 1]).encoded()))
        let jws = Array("\(header).\(Base64URL.encode(Array(Self.statement.encoded()))).c2ln".utf8)
        let (signed, parts) = SignedStatementFixture.signed(Self.statement, jws: jws)
        #expect(check(signed, parts) == .failure(.criticalHeader))
    }

    /// Property: a random statement signed as it is passes; signed over another random statement
    /// it is refused unless the two are the same statement under StatementEquivalence.
    @Test func signedRandomStatementsPassAndSwappedPayloadsFail() throws {
        for seed in UInt64(1)...40 {
            var random = RandomStatements(seed: seed)
            let mine = random.statement(), other = random.statement()
            let (signed, parts) = SignedStatementFixture.signed(mine, jws: try SignedStatementFixture.jws(mine))
            #expect(check(signed, parts) == .success(true), "seed \(seed)")
            let (swapped, swappedParts) = SignedStatementFixture.signed(mine, jws: try SignedStatementFixture.jws(other))
            let expected: Result<Bool, StatementSignatureError> = StatementEquivalence.isSame(other, as: mine) ? .success(true) : .failure(.payloadDiffers)
            #expect(check(swapped, swappedParts) == expected, "seed \(seed)")
        }
    }
}
