import Foundation
import Basics

/// The `BitstringStatusListCredential` an awarding body publishes: the whole list, signed by the
/// body's own key, so that a verifier can check a credential's status offline from a copy.
///
/// ```swift
/// let unsigned = StatusListCredential.unsigned(url: url, issuer: key.didKey, validFrom: now, bitstring: list)
/// let signed = try DataIntegrity.sign(unsigned, key: key, purpose: .assertionMethod, created: now)
/// let read = try StatusListCredential.read(signed)   // url, issuer, validFrom, bitstring
/// ```
public enum StatusListCredential {
    public static func unsigned(url: String, issuer: DIDKey, validFrom: Date, bitstring: StatusBitstring) -> JSONValue {
        .object([
            "@context": .array([.string(CredentialContexts.credentialsV2)]),
            "id": .string(url),
            "type": .array(["VerifiableCredential", "BitstringStatusListCredential"]),
            "issuer": .string(issuer.did),
            "validFrom": .string(CredentialDate.string(from: validFrom)),
            "credentialSubject": .object([
                "id": .string(url + "#list"),
                "type": "BitstringStatusList",
                "statusPurpose": .string(StatusEntry.purpose),
                "encodedList": .string(bitstring.encodedList()),
            ]),
        ])
    }

    public struct Content: Sendable {
        public var url: String
        public var issuer: String
        public var validFrom: Date?
        public var validUntil: Date?
        public var bitstring: StatusBitstring
    }

    /// Reads the list's fields (not its proof: verify that with `DataIntegrity.verify` first).
    /// `maximumBytes`: what its bitstring may inflate to.
    public static func read(_ json: JSONValue, statusSize: Int = StatusEntry.size,
                            maximumBytes: Int = StatusBitstring.maximumBytes) throws(CredentialError) -> Content {
        guard case .object(let fields) = json else { throw .invalid("a status list credential must be a JSON object") }
        guard let types = fields["type"]?.arrayValue, types.contains(.string("BitstringStatusListCredential")) else {
            throw .invalid("type must include BitstringStatusListCredential")
        }
        guard let url = fields["id"]?.stringValue else { throw .invalid("a status list credential needs its id (its URL)") }
        let issuer = fields["issuer"]?.stringValue ?? fields["issuer"]?["id"]?.stringValue
        guard let issuer else { throw .invalid("a status list credential needs an issuer") }
        guard let subject = fields["credentialSubject"]?.objectValue, subject["type"]?.stringValue == "BitstringStatusList" else {
            throw .invalid("credentialSubject must be a BitstringStatusList")
        }
        let purposes: [String] = subject["statusPurpose"]?.stringValue.map { [$0] } ?? subject["statusPurpose"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard purposes.contains(StatusEntry.purpose) else { throw .invalid("the list's statusPurpose is not '\(StatusEntry.purpose)'") }
        guard let encoded = subject["encodedList"]?.stringValue else { throw .invalid("credentialSubject has no encodedList") }
        return Content(url: url, issuer: issuer,
                       validFrom: fields["validFrom"]?.stringValue.flatMap(CredentialDate.parse),
                       validUntil: fields["validUntil"]?.stringValue.flatMap(CredentialDate.parse),
                       bitstring: try StatusBitstring(encodedList: encoded, statusSize: statusSize, maximumBytes: maximumBytes))
    }
}
