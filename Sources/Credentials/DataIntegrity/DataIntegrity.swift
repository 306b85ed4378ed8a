import Crypto
import Foundation
import Basics

/// Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C vc-di-eddsa §3.3): the
/// document and the proof options are canonicalized with RFC 8785 (JCS), hashed with SHA-256
/// (proof options first), and the 64 bytes are signed with Ed25519. `proofValue` is `z` +
/// base58btc(signature). Proofs are emitted as a one-element array (the Open Badges 3.0 schema
/// wants an array); both forms are read.
///
/// ```swift
/// let signed = try DataIntegrity.sign(credential, key: issuerKey, purpose: .assertionMethod, created: now)
/// DataIntegrity.verify(signed, purpose: .assertionMethod)   // .valid(signer: issuerKey.didKey)
/// ```
public enum DataIntegrity {
    public static let proofType = "DataIntegrityProof"
    public static let cryptosuite = "eddsa-jcs-2022"

    public static func sign(_ document: JSONValue, key: SigningKey, purpose: ProofPurpose, created: Date,
                            challenge: String? = nil, domain: String? = nil) throws(CredentialError) -> JSONValue {
        guard case .object(var fields) = document else { throw .invalid("only a JSON object can be signed") }
        fields["proof"] = nil
        var options: [String: JSONValue] = [
            "type": .string(proofType),
            "cryptosuite": .string(cryptosuite),
            "created": .string(CredentialDate.string(from: created)),
            "verificationMethod": .string(key.didKey.verificationMethod),
            "proofPurpose": .string(purpose.rawValue),
        ]
        if let context = fields["@context"] { options["@context"] = context }
        if let challenge { options["challenge"] = .string(challenge) }
        if let domain { options["domain"] = .string(domain) }
        let unsecured = JSONValue.object(fields)
        let signature = try key.signature(for: hashData(document: unsecured, proofOptions: .object(options)))
        options["proofValue"] = .string("z" + Base58.encode(signature))
        fields["proof"] = .array([.object(options)])
        return .object(fields)
    }

    /// SHA-256(JCS(proof options)) ‖ SHA-256(JCS(document without proof)): the 64 bytes signed.
    public static func hashData(document: JSONValue, proofOptions: JSONValue) -> [UInt8] {
        var withoutProof = document
        if case .object(var fields) = document {
            fields["proof"] = nil
            withoutProof = .object(fields)
        }
        return Array(SHA256.hash(data: proofOptions.canonicalData())) + Array(SHA256.hash(data: withoutProof.canonicalData()))
    }
}
