import Foundation
import Basics

/// What a person reads from a micro-credential: every EU element in plain values, taken from the
/// JSON as issued (after its proof was checked, or it means nothing).
///
/// ```swift
/// let summary = try MicroCredentialSummary(json: credential)
/// print(summary.title, summary.issuerName, summary.eqfLevel ?? 0, summary.outcomes.count)
/// ```
public struct MicroCredentialSummary: Sendable, Equatable {
    public struct Outcome: Sendable, Equatable {
        public var id: String
        public var text: String
    }

    public var id: String
    public var title: String
    public var description: String?
    public var issuerName: String
    public var issuerDID: String
    public var issuerCountry: String?
    public var issuerURL: String?
    public var subjectDID: String?
    public var learnerID: String?
    /// The name to show: the assessor-checked one when `identity` is set, otherwise the learner's
    /// own words (`selfDeclaredName`, or `name` in credentials issued before names were checked).
    public var learnerName: String?
    /// The assessor's identity check behind `learnerName`; nil when the name was not checked.
    public var identity: IdentityVerification?
    public var validFrom: Date?
    public var validUntil: Date?
    public var courseID: String?
    public var language: String?
    public var outcomes: [Outcome]
    public var eqfLevel: Int?
    public var ectsCredits: Double?
    public var ecvetPoints: Double?
    public var workloadHours: Double?
    public var assessmentType: String?
    public var participationForm: String?
    public var qualityAssurance: String?
    public var status: StatusEntry?

    public init(json: JSONValue) throws(CredentialError) {
        guard case .object(let fields) = json else { throw .invalid("a credential must be a JSON object") }
        guard let types = fields["type"]?.arrayValue, types.contains("VerifiableCredential") else {
            throw .invalid("type must be an array including VerifiableCredential")
        }
        guard let id = fields["id"]?.stringValue else { throw .invalid("the credential has no id") }
        guard let issuer = fields["issuer"]?.objectValue, let issuerDID = issuer["id"]?.stringValue else {
            throw .invalid("issuer must be a profile with an id")
        }
        guard let subject = fields["credentialSubject"]?.objectValue else { throw .invalid("the credential has no credentialSubject") }
        let achievement = subject["achievement"]?.objectValue ?? [:]
        guard let title = achievement["name"]?.stringValue ?? fields["name"]?.stringValue else {
            throw .invalid("the credential names no achievement")
        }
        self.id = id
        self.title = title
        description = achievement["description"]?.stringValue
        issuerName = issuer["name"]?.stringValue ?? issuerDID
        self.issuerDID = issuerDID
        issuerCountry = issuer["address"]?["addressCountryCode"]?.stringValue
        issuerURL = issuer["url"]?.stringValue
        subjectDID = subject["id"]?.stringValue
        learnerID = subject["identifier"]?.arrayValue?.first?["identityHash"]?.stringValue
        identity = subject[IdentityVerification.subjectKey].flatMap { try? IdentityVerification(json: $0) }
        learnerName = identity?.verifiedName ?? subject["selfDeclaredName"]?.stringValue ?? subject["name"]?.stringValue
        validFrom = fields["validFrom"]?.stringValue.flatMap(CredentialDate.parse)
        validUntil = fields["validUntil"]?.stringValue.flatMap(CredentialDate.parse)
        courseID = achievement["id"]?.stringValue
        language = achievement["inLanguage"]?.stringValue
        let alignment = achievement["alignment"]?.arrayValue ?? []
        outcomes = alignment.compactMap { entry in
            guard entry["targetType"]?.stringValue == MicroCredential.outcomeAlignment,
                  let url = entry["targetUrl"]?.stringValue, let text = entry["targetName"]?.stringValue else { return nil }
            return Outcome(id: url, text: text)
        }
        eqfLevel = alignment.first { $0["targetType"]?.stringValue == MicroCredential.eqfAlignment }?["targetCode"]?.stringValue.flatMap { Int($0) }
        ectsCredits = achievement["ectsCredits"]?.doubleValue ?? achievement["creditsAvailable"]?.doubleValue
        ecvetPoints = achievement["ecvetPoints"]?.doubleValue
        workloadHours = achievement["workloadHours"]?.doubleValue
        assessmentType = achievement["assessmentType"]?.stringValue
        participationForm = achievement["participationForm"]?.stringValue
        qualityAssurance = achievement["qualityAssurance"]?.stringValue
        status = try fields["credentialStatus"].map { value throws(CredentialError) in try StatusEntry(json: value) }
    }
}
