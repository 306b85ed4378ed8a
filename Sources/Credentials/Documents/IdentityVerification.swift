import Basics
import Foundation

/// An assessor's word on who they assessed: the EU micro-credential element "supervision and
/// identity verification" (Council Recommendation of 16 June 2022, Annex I, optional elements).
/// The learner's own `profile/name` is theirs to write and proves nothing; this is what puts a
/// checked name on a credential. It is signed twice: by the assessor inside the
/// `OutcomeAttestation` (name and how identity was checked), then by the awarding body inside the
/// micro-credential's subject, which adds who checked (`verifiedBy`, `verifierName`) and the
/// attestation it came from. Terms: `MicroCredentialContext` (v2).
///
/// ```swift
/// let checked = try IdentityVerification(verifiedName: "Ana Pereira", identityCheck: "photo ID")
/// let inCredential = checked.attributed(to: assessorDID, name: "Bo Berg", attestation: "urn:uuid:…")
/// inCredential.json   // {"type": "IdentityVerification", "verifiedName": "Ana Pereira", …}
/// ```
public struct IdentityVerification: Sendable, Equatable {
    public static let type = "IdentityVerification"
    /// The key under a credential subject (attestation or micro-credential).
    public static let subjectKey = "identityVerification"
    public static let maximumNameLength = 200
    public static let maximumCheckLength = 200

    /// The learner's name as the assessor checked it.
    public var verifiedName: String
    /// How identity was checked, in the assessor's words ("photo ID", "known to me from the course").
    public var identityCheck: String
    /// The assessor's DID (in a micro-credential; in an attestation the issuer is the assessor).
    public var verifiedBy: String?
    /// The assessor's name as the repository registered it (not as they wrote it themselves).
    public var verifierName: String?
    /// The id of the signed attestation that stated the name.
    public var attestation: String?

    /// Checks the two texts the assessor gives: present, not too long, no control characters.
    public init(verifiedName: String, identityCheck: String) throws(CredentialError) {
        self.verifiedName = try Self.text(verifiedName, what: "the verified name", limit: Self.maximumNameLength)
        self.identityCheck = try Self.text(identityCheck, what: "how identity was checked", limit: Self.maximumCheckLength)
    }

    /// The same check, said with who made it: what the issuer writes into a micro-credential.
    public func attributed(to assessorDID: String, name: String?, attestation: String?) -> IdentityVerification {
        var copy = self
        copy.verifiedBy = assessorDID
        copy.verifierName = name
        copy.attestation = attestation
        return copy
    }

    public var json: JSONValue {
        var fields: [String: JSONValue] = [
            "type": .string(Self.type), "verifiedName": .string(verifiedName), "identityCheck": .string(identityCheck),
        ]
        if let verifiedBy { fields["verifiedBy"] = .string(verifiedBy) }
        if let verifierName { fields["verifierName"] = .string(verifierName) }
        if let attestation { fields["attestation"] = .string(attestation) }
        return .object(fields)
    }

    /// Reads `json` as written by `json` (unknown keys are ignored; the proof is checked elsewhere).
    public init(json: JSONValue) throws(CredentialError) {
        guard json["type"]?.stringValue == Self.type || json["type"]?.arrayValue?.contains(.string(Self.type)) == true else {
            throw .invalid("identityVerification must have type \(Self.type)")
        }
        guard let name = json["verifiedName"]?.stringValue, let check = json["identityCheck"]?.stringValue else {
            throw .invalid("identityVerification needs verifiedName and identityCheck")
        }
        try self.init(verifiedName: name, identityCheck: check)
        verifiedBy = json["verifiedBy"]?.stringValue
        verifierName = json["verifierName"]?.stringValue
        attestation = json["attestation"]?.stringValue
    }

    /// `text` trimmed, refused when empty, longer than `limit` or holding control characters
    /// (a name is printed on pages and in terminals).
    static func text(_ text: String, what: String, limit: Int) throws(CredentialError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid("\(what) is empty") }
        guard trimmed.count <= limit else { throw .invalid("\(what) is longer than \(limit) characters") }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid("\(what) contains control characters")
        }
        return trimmed
    }
}
