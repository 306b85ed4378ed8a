import Credentials
import Basics
import Foundation
import Testing

/// The W3C vc-di-eddsa test vectors for `eddsa-jcs-2022`, step by step: key, canonical forms,
/// combined hash, signature, and the signed document verifying.
@Suite struct EddsaJcs2022VectorTests {
    static let created = Date(timeIntervalSince1970: 1_677_281_798) // 2023-02-24T23:36:38Z

    func vectorKey() throws -> SigningKey {
        let pair = try FixtureFiles.json("w3c-eddsa/keyPair.json")
        let secret = try #require(pair["privateKeyMultibase"]?.stringValue)
        // Multicodec ed25519-priv (0x8026) followed by the 32-byte seed.
        let bytes = try #require(Base58.decode(String(secret.dropFirst())))
        #expect(Array(bytes.prefix(2)) == [0x80, 0x26])
        return try SigningKey(seed: Array(bytes.dropFirst(2)))
    }

    @Test func keyPairMatchesItsDIDKey() throws {
        let pair = try FixtureFiles.json("w3c-eddsa/keyPair.json")
        #expect(try vectorKey().didKey.multibase == pair["publicKeyMultibase"]?.stringValue)
        #expect(CredentialDate.string(from: Self.created) == "2023-02-24T23:36:38Z")
    }

    @Test func canonicalFormsAndHashMatch() throws {
        let unsigned = try FixtureFiles.json("w3c-eddsa/unsigned.json")
        let proofConfig = try FixtureFiles.json("w3c-eddsa/eddsa-jcs-2022_proofConfigJCS.json")
        #expect(String(decoding: unsigned.canonicalData(), as: UTF8.self) == (try FixtureFiles.text("w3c-eddsa/eddsa-jcs-2022_canonDocJCS.txt")))
        #expect(String(decoding: proofConfig.canonicalData(), as: UTF8.self) == (try FixtureFiles.text("w3c-eddsa/eddsa-jcs-2022_proofCanonJCS.txt")))
        let hash = DataIntegrity.hashData(document: unsigned, proofOptions: proofConfig)
        #expect(FixtureFiles.hex(hash) == (try FixtureFiles.text("w3c-eddsa/eddsa-jcs-2022_combinedHashJCS.txt")))
    }

    @Test func signingReproducesTheVectorSignature() throws {
        let unsigned = try FixtureFiles.json("w3c-eddsa/unsigned.json")
        let signed = try DataIntegrity.sign(unsigned, key: vectorKey(), purpose: .assertionMethod, created: Self.created)
        let expected = try FixtureFiles.json("w3c-eddsa/eddsa-jcs-2022_signedJCS.json")
        let proof = try #require(signed["proof"]?.arrayValue?.first)
        // Ed25519 is deterministic (RFC 8032): same key, same bytes, same signature.
        #expect(proof["proofValue"] == expected["proof"]?["proofValue"])
        let signatureHex = try FixtureFiles.text("w3c-eddsa/eddsa-jcs-2022_sigHexJCS.txt")
        let value = try #require(proof["proofValue"]?.stringValue)
        #expect(FixtureFiles.hex(try #require(Base58.decode(String(value.dropFirst())))) == signatureHex)
        #expect(proof == expected["proof"])
    }

    @Test func theSignedVectorVerifiesAndATamperedOneDoesNot() throws {
        let signed = try FixtureFiles.json("w3c-eddsa/eddsa-jcs-2022_signedJCS.json")
        let key = try vectorKey().didKey
        #expect(DataIntegrity.verify(signed, purpose: .assertionMethod) == .valid(signer: key))
        guard case .object(var fields) = signed else { Issue.record("not an object"); return }
        fields["name"] = "Alumni Credential!"
        guard case .invalid(let why) = DataIntegrity.verify(.object(fields), purpose: .assertionMethod) else {
            Issue.record("a changed document verified"); return
        }
        #expect(why.contains("signature does not match"))
        #expect(DataIntegrity.verify(signed, purpose: .authentication) != .valid(signer: key))
    }
}
