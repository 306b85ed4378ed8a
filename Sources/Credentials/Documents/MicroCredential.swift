import Foundation
import Catalog
import Basics

/// The micro-credential a repository issues for a course: a W3C VC 2.0 `OpenBadgeCredential`
/// (Open Badges 3.0 AchievementCredential) carrying the eleven mandatory elements of an EU
/// micro-credential (Council Recommendation of 16 June 2022, Annex I). Where each element lives
/// is listed in docs/CREDENTIALS.md; the terms OB 3.0 lacks come from `MicroCredentialContext`.
///
/// The learner's name is stated only as someone vouches for it. With `identity` (an assessor's
/// checked name, from their signed attestation) it is the subject's `name`, an OB 3.0
/// `IdentityObject` of type `name`, and the `identityVerification` saying who checked it and how.
/// Without, the name the learner wrote themselves goes only into `selfDeclaredName`, so no reader
/// of `name` (ours or another verifier) takes it for a checked one.
///
/// ```swift
/// let unsigned = MicroCredential.unsigned(id: "urn:uuid:\(UUID())", course: course, learnerDID: holder.did,
///                                         learnerID: "ana", selfDeclaredName: "Ana Sousa", identity: checked,
///                                         issuer: issuer, issued: now, status: StatusEntry(listURL: url, index: 17))
/// let credential = try DataIntegrity.sign(unsigned, key: issuerKey, purpose: .assertionMethod, created: now)
/// ```
public enum MicroCredential {
    public static let contexts: [String] = [CredentialContexts.credentialsV2, CredentialContexts.openBadgesV3, MicroCredentialContext.url]
    public static let outcomeAlignment = "ext:LearningOutcome"
    public static let eqfAlignment = "ext:EQFLevel"

    public static func unsigned(id: String, course: Course, learnerDID: String, learnerID: String, selfDeclaredName: String?,
                                identity: IdentityVerification? = nil, issuer: IssuerProfile, issued: Date, status: StatusEntry) -> JSONValue {
        var issuerJSON: [String: JSONValue] = [
            "id": .string(issuer.did.did),
            "type": ["Profile"],
            "name": .string(issuer.name),
            "address": ["type": ["Address"], "addressCountryCode": .string(issuer.country)],
        ]
        if let url = issuer.url { issuerJSON["url"] = .string(url) }

        var alignment: [JSONValue] = course.learningOutcomes.map { outcome in
            var entry: [String: JSONValue] = [
                "type": ["Alignment"], "targetType": .string(outcomeAlignment),
                "targetName": .string(outcome.text), "targetUrl": .string(outcome.id),
            ]
            if let skill = outcome.escoSkill { entry["targetFramework"] = "ESCO"; entry["targetCode"] = .string(skill) }
            return .object(entry)
        }
        alignment.append([
            "type": ["Alignment"], "targetType": .string(eqfAlignment),
            "targetName": .string("EQF level \(course.eqfLevel)"),
            "targetUrl": .string("http://data.europa.eu/snb/eqf/\(course.eqfLevel)"),
            "targetFramework": "European Qualifications Framework",
            "targetCode": .string(String(course.eqfLevel)),
        ])

        var achievement: [String: JSONValue] = [
            "id": .string(course.id),
            "type": ["Achievement"],
            "achievementType": "MicroCredential",
            "name": .string(course.title),
            "description": .string(course.description),
            "inLanguage": .string(course.language),
            "criteria": ["narrative": .string(criteria(for: course))],
            "creditsAvailable": .number(course.ectsCredits),
            "ectsCredits": .number(course.ectsCredits),
            "alignment": .array(alignment),
            "assessmentType": .string(course.assessment.rawValue),
            "participationForm": .string(course.participation.rawValue),
            "qualityAssurance": .string(course.qualityAssurance),
        ]
        if let points = course.ecvetPoints { achievement["ecvetPoints"] = .number(points) }
        if let hours = course.workloadHours { achievement["workloadHours"] = .number(Double(hours)) }

        var identifiers: [JSONValue] = [[
            "type": "IdentityObject", "identityHash": .string(learnerID),
            "identityType": "identifier", "hashed": false,
        ]]
        var subject: [String: JSONValue] = [
            "id": .string(learnerDID),
            "type": ["AchievementSubject"],
            "achievement": .object(achievement),
        ]
        if let identity {
            subject["name"] = .string(identity.verifiedName)
            identifiers.append(["type": "IdentityObject", "identityHash": .string(identity.verifiedName), "identityType": "name", "hashed": false])
            subject[IdentityVerification.subjectKey] = identity.json
        } else if let selfDeclaredName {
            subject["selfDeclaredName"] = .string(selfDeclaredName)
        }
        subject["identifier"] = .array(identifiers)

        return .object([
            "@context": .array(contexts.map(JSONValue.string)),
            "id": .string(id),
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": .string(course.title),
            "issuer": .object(issuerJSON),
            "validFrom": .string(CredentialDate.string(from: issued)),
            "credentialSubject": .object(subject),
            "credentialStatus": status.json,
            // An array, as OB 3.0's schema wants it (VC 2.0 also allows one object).
            "credentialSchema": [CredentialSchemas.achievementCredential],
        ])
    }

    static func criteria(for course: Course) -> String {
        let how = switch course.assessment {
        case .supervised: "Each learning outcome was assessed and signed off by an assessor registered with the awarding body."
        case .selfAssessed: "Each learning outcome was completed and passed in the course's own assessments, recorded as xAPI statements."
        }
        return how + " Learning outcomes: " + course.learningOutcomes.map(\.text).joined(separator: " ")
    }
}
