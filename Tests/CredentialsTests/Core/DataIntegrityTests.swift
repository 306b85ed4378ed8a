import TestSupport
import Credentials
import Foundation
import Testing
import Basics

@Suite struct DataIntegrityTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func randomDocument(_ rng: inout SplitMix, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0...(depth > 2 ? 3 : 5), using: &rng) {
        case 0: return .string(String((0..<Int.random(in: 0...12, using: &rng)).map { _ in "aé€😀\"\\\n zZ0".randomElement(using: &rng) ?? "a" }))
        case 1: return .number(Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / [1, 10, 1000].randomElement(using: &rng)!)
        case 2: return .bool(Bool.random(using: &rng))
        case 3: return .null
        case 4: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomDocument(&rng, depth: depth + 1) })
        default:
            var fields: [String: JSONValue] = [:]
            for i in 0..<Int.random(in: 0...5, using: &rng) { fields["k\(i)\(["", "é", "Z", "_"].randomElement(using: &rng)!)"] = randomDocument(&rng, depth: depth + 1) }
            return .object(fields)
        }
    }

    /// Changes one leaf somewhere in the document (never a no-op).
    static func tamper(_ value: JSONValue, _ rng: inout SplitMix) -> JSONValue? {
        switch value {
        case .object(var fields):
            let keys = fields.keys.sorted().filter { $0 != "proof" && $0 != "@context" }
            guard let key = keys.randomElement(using: &rng), let inner = fields[key] else { return nil }
            fields[key] = tamper(inner, &rng) ?? .string("changed")
            return .object(fields)
        case .array(var items):
            guard !items.isEmpty else { return .array([.null]) }
            let i = Int.random(in: 0..<items.count, using: &rng)
            items[i] = tamper(items[i], &rng) ?? .string("changed")
            return .array(items)
        case .string(let s): return .string(s + "x")
        case .number(let n): return .number(n + 1)
        case .bool(let b): return .bool(!b)
        case .null: return .number(0)
        }
    }

    @Test func anySignedDocumentVerifiesAndAnyChangeBreaksIt() throws {
        var rng = SplitMix(seed: 2022)
        let key = SigningKey.generate()
        for _ in 0..<300 {
            var fields = (Self.randomDocument(&rng, depth: 1).objectValue ?? [:])
            fields["@context"] = [.string(CredentialContexts.credentialsV2)]
            fields["payload"] = Self.randomDocument(&rng)
            let signed = try DataIntegrity.sign(.object(fields), key: key, purpose: .assertionMethod, created: Self.now)
            #expect(DataIntegrity.verify(signed, purpose: .assertionMethod) == .valid(signer: key.didKey))
            // Re-reading the JSON text (as a verifier does) changes nothing.
            let reread = try JSONValue(data: Data(signed.canonicalData()))
            #expect(DataIntegrity.verify(reread, purpose: .assertionMethod) == .valid(signer: key.didKey))
            if let changed = Self.tamper(signed, &rng), changed != signed {
                #expect(DataIntegrity.verify(changed, purpose: .assertionMethod).signer == nil)
            }
        }
    }

    @Test func presentationProofsAreBoundToChallengeAndDomain() throws {
        let holder = SigningKey.generate()
        let vp = Presentation.unsigned(id: "urn:uuid:1", holder: holder.didKey, credentials: [])
        let signed = try DataIntegrity.sign(vp, key: holder, purpose: .authentication, created: Self.now, challenge: "c-1", domain: "jobs.example")
        #expect(DataIntegrity.verify(signed, purpose: .authentication, challenge: "c-1", domain: "jobs.example") == .valid(signer: holder.didKey))
        #expect(DataIntegrity.verify(signed, purpose: .authentication, challenge: "c-2", domain: "jobs.example").signer == nil)
        #expect(DataIntegrity.verify(signed, purpose: .authentication, challenge: "c-1", domain: nil).signer == nil)
        #expect(DataIntegrity.verify(signed, purpose: .assertionMethod, challenge: "c-1", domain: "jobs.example").signer == nil)
        let plain = try DataIntegrity.sign(vp, key: holder, purpose: .authentication, created: Self.now)
        #expect(DataIntegrity.verify(plain, purpose: .authentication, challenge: "c-1").signer == nil)
    }

    @Test func aProofWhoseContextDiffersFromTheDocumentsIsRefused() throws {
        let key = SigningKey.generate()
        let doc: JSONValue = ["@context": [.string(CredentialContexts.credentialsV2)], "name": "x"]
        guard case .object(var signed) = try DataIntegrity.sign(doc, key: key, purpose: .assertionMethod, created: Self.now) else { return }
        signed["@context"] = [.string(CredentialContexts.openBadgesV3)]
        guard case .invalid(let why) = DataIntegrity.verify(.object(signed), purpose: .assertionMethod) else {
            Issue.record("verified"); return
        }
        #expect(why.contains("@context"))
    }

    @Test func malformedProofsSayWhy() {
        let cases: [(JSONValue, String)] = [
            (["name": "x"], "no proof"),
            (["proof": []], "empty"),
            (["proof": ["type": "Ed25519Signature2020"]], "DataIntegrityProof"),
            (["proof": ["type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"]], "eddsa-jcs-2022"),
            (["proof": ["type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "proofPurpose": "assertionMethod", "created": "yesterday"]], "created"),
            ("not an object", "not a JSON object"),
        ]
        for (doc, words) in cases {
            guard case .invalid(let why) = DataIntegrity.verify(doc, purpose: .assertionMethod) else { Issue.record("verified \(doc)"); continue }
            #expect(why.contains(words), "\(why)")
        }
    }
}
