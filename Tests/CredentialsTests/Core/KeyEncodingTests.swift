import TestSupport
import Credentials
import Foundation
import Testing
import Basics

@Suite struct KeyEncodingTests {
    @Test func base58RoundTripsAnyBytesWithLeadingZeros() {
        var rng = SplitMix(seed: 58)
        for _ in 0..<2_000 {
            let zeros = Int.random(in: 0...3, using: &rng)
            let bytes = [UInt8](repeating: 0, count: zeros) + (0..<Int.random(in: 0...70, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(Base58.decode(Base58.encode(bytes)) == bytes)
        }
        #expect(Base58.encode([0, 0, 1]) == "112")
        #expect(Base58.decode("0OIl") == nil)
    }

    @Test func didKeyRoundTripsAndRefusesOtherKeys() throws {
        for _ in 0..<200 {
            let key = SigningKey.generate().didKey
            #expect(key.did.hasPrefix("did:key:z6Mk"))
            #expect(try DIDKey(did: key.did) == key)
            #expect(try DIDKey(verificationMethod: key.verificationMethod) == key)
        }
        let key = SigningKey.generate().didKey
        #expect(throws: CredentialError.self) { try DIDKey(did: "did:web:example.org") }
        #expect(throws: CredentialError.self) { try DIDKey(did: "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme") } // secp256k1
        #expect(throws: CredentialError.self) { try DIDKey(verificationMethod: key.did + "#z6MkOther") }
        #expect(throws: CredentialError.self) { try DIDKey(verificationMethod: key.did) }
        #expect(throws: CredentialError.self) { try DIDKey(publicKey: [1, 2, 3]) }
    }

    @Test func seedRoundTripsAndSignaturesVerifyOnlyForTheirData() throws {
        let key = SigningKey.generate()
        let again = try SigningKey(seed: key.seed)
        #expect(again.didKey == key.didKey)
        let data = Array("eleven elements".utf8)
        let signature = try key.signature(for: data)
        #expect(key.didKey.isValidSignature(signature, for: data))
        #expect(!key.didKey.isValidSignature(signature, for: data + [0]))
        #expect(!SigningKey.generate().didKey.isValidSignature(signature, for: data))
        #expect(!key.didKey.isValidSignature(Array(signature.prefix(63)), for: data))
        #expect(throws: CredentialError.self) { try SigningKey(seed: [0]) }
    }

    @Test func base64URLHasNoPaddingAndRefusesStandardAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.decode("-_8") == Data([0xfb, 0xff]))
        #expect(Base64URL.decode("+/8=") == nil)
        var rng = SplitMix(seed: 64)
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == Data(bytes))
        }
    }
}
