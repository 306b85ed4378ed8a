import Catalog
import Basics

extension CourseEvidence {
    /// The identity check a course's credential states: the one name that the assessors' valid
    /// `passed` attestations for this course and learner checked (the same validity as
    /// `satisfiedOutcomes`: proof, signer registered with the course's body, this learner's DID and
    /// id). The learner's own `profile/name` plays no part, so changing it later changes nothing.
    ///
    /// - No attestation states a name (or the course is self-assessed): nil, the credential
    ///   carries the learner's name only as self-declared.
    /// - They state different names: nil as well. A credential never shows as checked a name that
    ///   another assessor of the same course contradicted; the awarding body sorts it out.
    /// - One name: the check of the attestation in the statement with the smallest id is told
    ///   (whose signer and attestation the credential names), so the answer does not depend on
    ///   the order of `statements` or on device clocks.
    ///
    /// ```swift
    /// if let checked = CourseEvidence.attestedIdentity(course: course, statements: statements, learnerID: "ana",
    ///                                                  learnerDID: holderDID, assessors: registered) {
    ///     print(checked.verifiedName, checked.verifiedBy ?? "")   // "Ana Pereira", the assessor's DID
    /// }
    /// ```
    public static func attestedIdentity(course: Course, statements: [JSONValue], learnerID: String, learnerDID: String,
                                        assessors: [RegisteredAssessor], formerDIDs: Set<String> = []) -> IdentityVerification? {
        guard course.assessment == .supervised else { return nil }
        let bodyAssessors = Set(assessors.filter { $0.awardingBody == course.awardingBody.name }.map(\.did))
        guard !bodyAssessors.isEmpty else { return nil }
        let outcomeIDs = Set(course.learningOutcomes.map(\.id))
        let voided = voidedStatementIDs(in: statements)
        var found: [(statementID: String, identity: IdentityVerification)] = []
        for statement in statements {
            let id = statement["id"]?.stringValue ?? ""
            if statement["verb"]?["id"]?.stringValue == XAPI.Verb.voided || voided.contains(id.lowercased()) { continue }
            // The cheap look first: most statements carry no attestation, most attestations no name.
            guard statement["result"]?["extensions"]?[OutcomeAttestation.attestationExtension]?["credentialSubject"]?[IdentityVerification.subjectKey] != nil,
                  let attested = validAttestation(in: statement, course: course, learnerID: learnerID,
                                                  learnerDIDs: formerDIDs.union([learnerDID]), assessors: bodyAssessors),
                  outcomeIDs.contains(attested.outcome), let identity = attested.identity, let assessor = attested.assessorDID
            else { continue }
            found.append((id, identity.attributed(to: assessor, name: nil, attestation: attested.id)))
        }
        guard Set(found.map(\.identity.verifiedName)).count == 1, let first = found.min(by: { $0.statementID < $1.statementID }) else {
            return nil
        }
        return first.identity
    }
}
