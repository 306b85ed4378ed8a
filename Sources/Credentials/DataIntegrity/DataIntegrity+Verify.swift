import Foundation
import Basics

extension DataIntegrity {
    /// Checks the document's one proof. Never throws: every problem is `.invalid` with the reason.
    /// A presentation proof must carry exactly the challenge and domain the verifier expects
    /// (pass nil to accept none).
    public static func verify(_ document: JSONValue, purpose: ProofPurpose, challenge: String? = nil,
                              domain: String? = nil) -> ProofVerification {
        guard case .object(let fields) = document else { return .invalid("the document is not a JSON object") }
        let proof: [String: JSONValue]
        switch fields["proof"] {
        case .object(let one)?: proof = one
        case .array(let list)?:
            guard list.count == 1, case .object(let one) = list[0] else {
                return .invalid(list.isEmpty ? "the proof list is empty" : "expected exactly one proof, found \(list.count)")
            }
            proof = one
        case nil: return .invalid("the document has no proof")
        default: return .invalid("proof must be an object or an array of objects")
        }
        guard proof["type"]?.stringValue == proofType else {
            return .invalid("proof type is \(proof["type"]?.stringValue.map { "'\($0)'" } ?? "missing"), expected \(proofType)")
        }
        guard proof["cryptosuite"]?.stringValue == cryptosuite else {
            return .invalid("cryptosuite is \(proof["cryptosuite"]?.stringValue.map { "'\($0)'" } ?? "missing"), expected \(cryptosuite)")
        }
        guard proof["proofPurpose"]?.stringValue == purpose.rawValue else {
            return .invalid("proof purpose is \(proof["proofPurpose"]?.stringValue.map { "'\($0)'" } ?? "missing"), expected \(purpose.rawValue)")
        }
        guard let created = proof["created"]?.stringValue, CredentialDate.parse(created) != nil else {
            return .invalid("proof 'created' is missing or not a date-time with a time zone")
        }
        if proof["challenge"]?.stringValue != challenge {
            if let challenge { return .invalid("the presentation was not made for challenge '\(challenge)' (it carries \(proof["challenge"]?.stringValue.map { "'\($0)'" } ?? "none"))") }
            return .invalid("the proof carries a challenge but none was expected; pass the challenge you gave the learner")
        }
        if proof["domain"]?.stringValue != domain {
            if let domain { return .invalid("the presentation was not made for domain '\(domain)' (it carries \(proof["domain"]?.stringValue.map { "'\($0)'" } ?? "none"))") }
            return .invalid("the proof carries a domain but none was expected; pass the domain you gave the learner")
        }
        guard let method = proof["verificationMethod"]?.stringValue else { return .invalid("proof has no verificationMethod") }
        let signer: DIDKey
        do {
            signer = try DIDKey(verificationMethod: method)
        } catch {
            return .invalid("verificationMethod: \(error)")
        }
        guard let value = proof["proofValue"]?.stringValue, value.hasPrefix("z"),
              let signature = Base58.decode(String(value.dropFirst())), signature.count == 64
        else { return .invalid("proofValue is not z + base58btc of a 64-byte Ed25519 signature") }
        var options = proof
        options["proofValue"] = nil
        var unsecured = fields
        unsecured["proof"] = nil
        if let proofContext = options["@context"] {
            // The document's context must start with the proof's, in order (vc-di-eddsa §3.3.2).
            guard startsWith(fields["@context"], proofContext) else {
                return .invalid("the proof's @context does not match the start of the document's @context")
            }
            unsecured["@context"] = proofContext
        }
        let data = hashData(document: .object(unsecured), proofOptions: .object(options))
        guard signer.isValidSignature(signature, for: data) else {
            return .invalid("the signature does not match: the document was changed after signing, or was not signed by \(signer.did)")
        }
        return .valid(signer: signer)
    }

    static func startsWith(_ documentContext: JSONValue?, _ proofContext: JSONValue) -> Bool {
        func list(_ value: JSONValue?) -> [JSONValue] {
            switch value {
            case .array(let items)?: items
            case let one?: [one]
            case nil: []
            }
        }
        let document = list(documentContext), proof = list(proofContext)
        return proof.count <= document.count && Array(document.prefix(proof.count)) == proof
    }
}
