import Foundation
import Basics

/// An assessor's signed word that a learner passed (or failed) one learning outcome of a course:
/// a VC `["VerifiableCredential", "OutcomeAttestation"]` whose issuer is the assessor's DID. It is
/// carried, immutable, inside an xAPI statement in the learner's partition (see
/// `attestationExtension`), so it syncs like any statement; the repository issues a supervised
/// course's credential only on a valid `passed` attestation per outcome by an assessor registered
/// with the course's awarding body.
///
/// `identity`, when the assessor gives it, is their word on who they assessed (the name they
/// checked and how): the only source of a checked name on the course's credential
/// (`IdentityVerification`, docs/CREDENTIALS.md "The learner's name").
///
/// ```swift
/// let unsigned = OutcomeAttestation(learnerDID: ana.did, learnerID: "ana", course: "forklift-safety",
///                                   outcome: "forklift-safety/lo1", passed: true, score: 0.9, note: nil,
///                                   identity: try IdentityVerification(verifiedName: "Ana Pereira", identityCheck: "photo ID"))
///     .unsignedCredential(id: "urn:uuid:\(UUID())", assessor: assessorKey.didKey, validFrom: now)
/// let signed = try DataIntegrity.sign(unsigned, key: assessorKey, purpose: .assertionMethod, created: now)
/// let read = try OutcomeAttestation(json: signed)   // then check the proof and the signer
/// ```
public struct OutcomeAttestation: Sendable, Equatable {
    /// The key under `result.extensions` of the carrying xAPI statement.
    public static let attestationExtension = "https://w3id.org/learner-wallet/xapi/attestation"
    public static let maximumNoteLength = 2_000

    public var learnerDID: String
    public var learnerID: String
    public var course: String
    public var outcome: String
    public var passed: Bool
    /// Scaled 0…1 when given.
    public var score: Double?
    public var note: String?
    /// Who the assessor checked they assessed; nil when they did not say.
    public var identity: IdentityVerification?
    /// Set when read from a signed attestation.
    public var id: String?
    public var assessorDID: String?
    public var validFrom: Date?

    public init(learnerDID: String, learnerID: String, course: String, outcome: String, passed: Bool, score: Double?, note: String?,
                identity: IdentityVerification? = nil) {
        self.learnerDID = learnerDID
        self.learnerID = learnerID
        self.course = course
        self.outcome = outcome
        self.passed = passed
        self.score = score
        self.note = note
        self.identity = identity
    }

    public func unsignedCredential(id: String, assessor: DIDKey, validFrom: Date) -> JSONValue {
        var subject: [String: JSONValue] = [
            "id": .string(learnerDID), "learner": .string(learnerID), "course": .string(course),
            "learningOutcome": .string(outcome), "result": .string(passed ? "passed" : "failed"),
        ]
        if let score { subject["score"] = .number(score) }
        if let note { subject["note"] = .string(note) }
        if let identity { subject[IdentityVerification.subjectKey] = identity.json }
        return .object([
            "@context": .array([.string(CredentialContexts.credentialsV2), .string(MicroCredentialContext.url)]),
            "id": .string(id),
            "type": ["VerifiableCredential", "OutcomeAttestation"],
            "issuer": .string(assessor.did),
            "validFrom": .string(CredentialDate.string(from: validFrom)),
            "credentialSubject": .object(subject),
        ])
    }

    /// Reads the fields (not the proof: check that with `DataIntegrity.verify` and compare the
    /// signer with `assessorDID`).
    public init(json: JSONValue) throws(CredentialError) {
        guard let types = json["type"]?.arrayValue, types.contains("OutcomeAttestation") else {
            throw .invalid("this is not an outcome attestation (type must include OutcomeAttestation)")
        }
        guard let subject = json["credentialSubject"]?.objectValue else { throw .invalid("the attestation has no credentialSubject") }
        guard let did = subject["id"]?.stringValue, let learner = subject["learner"]?.stringValue,
              let course = subject["course"]?.stringValue, let outcome = subject["learningOutcome"]?.stringValue
        else { throw .invalid("the attestation's subject lacks id, learner, course or learningOutcome") }
        let passed: Bool
        switch subject["result"]?.stringValue {
        case "passed"?: passed = true
        case "failed"?: passed = false
        default: throw .invalid("the attestation's result must be 'passed' or 'failed'")
        }
        let score = subject["score"]?.doubleValue
        if let score, !(0...1).contains(score) { throw .invalid("the attestation's score must lie between 0 and 1") }
        let note = subject["note"]?.stringValue
        if let note, note.count > Self.maximumNoteLength { throw .invalid("the attestation's note is longer than \(Self.maximumNoteLength) characters") }
        let identity = try subject[IdentityVerification.subjectKey].map { value throws(CredentialError) in try IdentityVerification(json: value) }
        self.init(learnerDID: did, learnerID: learner, course: course, outcome: outcome, passed: passed, score: score, note: note,
                  identity: identity)
        id = json["id"]?.stringValue
        assessorDID = json["issuer"]?.stringValue ?? json["issuer"]?["id"]?.stringValue
        validFrom = json["validFrom"]?.stringValue.flatMap(CredentialDate.parse)
    }
}
