import Catalog
import Basics

/// Which learning outcomes of a course a learner's statements satisfy, under the course's
/// assessment rule (docs/CREDENTIALS.md, "Issuance rule"): the one rule of when an outcome is
/// achieved. Pure: the repository runs it before it issues a credential, and walletd runs it for
/// the learner's course progress (`CourseProgressDerivation`, with the assessors of its trust
/// list), so a PC shows achieved exactly what the repository would issue on.
///
/// - **self-assessed**: the learner's own statement about the outcome's activity that counts as
///   achieved (`isAchievement`; an activity's progress in `ProgressDerivation` reads the same
///   words as passed or completed): verb passed or completed, or `result.success` /
///   `result.completion` true. The object must be an Activity whose id is the outcome id. The
///   learner's partition decides whose statement it is (as in walletd); a statement whose actor is
///   plainly another wallet learner's account is not counted.
/// - **supervised**: a statement carrying a signed `OutcomeAttestation` under
///   `result.extensions[OutcomeAttestation.attestationExtension]`, whose proof is valid
///   (`assertionMethod`), whose signer is its issuer and a `RegisteredAssessor` of the course's
///   awarding body, about this learner (holder DID and id), this course and this outcome, with
///   result `passed`. The carrying statement's verb and object are not trusted: only what is signed.
///
/// Voided statements (and the voiding ones) count for nothing.
///
/// A later `failed` does not undo an earlier pass: statements from several PCs arrive in no
/// meaningful order, so "later" cannot be told reliably, and an outcome once shown is shown (the
/// awarding body revokes a credential when it must). This also makes the answer independent of
/// the order of `statements`; when several statements satisfy an outcome, the one with the
/// smallest statement id is named.
///
/// ```swift
/// let satisfied = CourseEvidence.satisfiedOutcomes(course: course, statements: statements, learnerID: "ana",
///                                                  learnerDID: holderDID, assessors: registered)
/// let complete = course.learningOutcomes.allSatisfy { satisfied[$0.id] != nil }
/// ```
public enum CourseEvidence {
    /// What satisfied an outcome.
    public enum Evidence: Sendable, Equatable, Comparable {
        /// A statement of the learner (self-assessed courses).
        case statement(id: String)
        /// An assessor's signed attestation inside statement `statementID`.
        case attestation(statementID: String, assessorDID: String)

        public var statementID: String {
            switch self {
            case .statement(let id): id
            case .attestation(let id, _): id
            }
        }

        public static func < (a: Evidence, b: Evidence) -> Bool {
            let left: (String, String) = switch a { case .statement(let id): (id, ""); case .attestation(let id, let did): (id, did) }
            let right: (String, String) = switch b { case .statement(let id): (id, ""); case .attestation(let id, let did): (id, did) }
            return left < right
        }
    }

    /// Outcome id → the evidence that satisfied it; outcomes not satisfied are absent.
    ///
    /// `formerDIDs`: the learner's holder DIDs before a PIN reset; attestations made for them
    /// still count (an assessor attested the learner, whose key changed since).
    public static func satisfiedOutcomes(course: Course, statements: [JSONValue], learnerID: String, learnerDID: String?,
                                         assessors: [RegisteredAssessor], formerDIDs: Set<String> = []) -> [String: Evidence] {
        let outcomeIDs = Set(course.learningOutcomes.map(\.id))
        let voided = voidedStatementIDs(in: statements)
        var found: [String: Evidence] = [:]
        func offer(_ outcome: String, _ evidence: Evidence) {
            if let current = found[outcome], current <= evidence { return }
            found[outcome] = evidence
        }
        let bodyAssessors = Set(assessors.filter { $0.awardingBody == course.awardingBody.name }.map(\.did))
        for statement in statements {
            let id = statement["id"]?.stringValue ?? ""
            if statement["verb"]?["id"]?.stringValue == XAPI.Verb.voided || voided.contains(id.lowercased()) { continue }
            switch course.assessment {
            case .selfAssessed:
                guard isAchievement(statement), isLearnersOwn(statement, learnerID: learnerID),
                      let object = statement["object"], let activity = XAPI.activityID(of: object), outcomeIDs.contains(activity)
                else { continue }
                offer(activity, .statement(id: id))
            case .supervised:
                guard let learnerDID, !bodyAssessors.isEmpty,
                      let attested = validAttestation(in: statement, course: course, learnerID: learnerID,
                                                      learnerDIDs: formerDIDs.union([learnerDID]), assessors: bodyAssessors),
                      outcomeIDs.contains(attested.outcome), let assessor = attested.assessorDID
                else { continue }
                offer(attested.outcome, .attestation(statementID: id, assessorDID: assessor))
            }
        }
        return found
    }

    /// Whether the statement counts as achieving its activity, as the wallet's progress reads it
    /// (passed or completed): the repository uses it to decide whether a push may complete a course.
    public static func isAchievement(_ statement: JSONValue) -> Bool {
        let verb = statement["verb"]?["id"]?.stringValue
        let result = statement["result"]
        return verb == XAPI.Verb.passed || verb == XAPI.Verb.completed
            || result?["success"]?.boolValue == true || result?["completion"]?.boolValue == true
    }

    /// The members `isAchievement` and `XAPI.activityID(of:)` of the statement's object read, and
    /// nothing else: a statement parsed with it (`JSONValue.parse(_:keeping:)`) gets the same
    /// answers from both as the whole statement, at a fraction of the cost (the hub's push,
    /// `SQLiteRepositoryStore.achievedActivity`). A member either of them starts to read must be
    /// added here; `AchievementProjectionTests` compares the two readings.
    public static let achievementProjection: JSONProjection = .members([
        "verb": .members(["id": .whole]),
        "result": .members(["success": .whole, "completion": .whole]),
        "object": .members(["objectType": .whole, "id": .whole]),
    ])

    /// The attestation a statement carries, when it is valid for this course and learner (its
    /// `assessorDID` is then the assessor who signed it).
    static func validAttestation(in statement: JSONValue, course: Course, learnerID: String, learnerDIDs: Set<String>,
                                 assessors: Set<String>) -> OutcomeAttestation? {
        guard let (document, attestation) = passedAttestation(in: statement, learnerID: learnerID),
              let issuer = attestation.assessorDID,
              counts(SignedAttestation(attestation, statementID: "", assessorDID: issuer), course: course,
                     learnerDIDs: learnerDIDs, assessors: assessors)
        else { return nil }
        // The signature last: it is the expensive check.
        return isSignedByIssuer(document, issuer) ? attestation : nil
    }

    /// The facts of a statement's attestation that hold for good once checked: it attests a pass
    /// of `learnerID` and its proof (`assertionMethod`) is its issuer's. walletd checks this once,
    /// when the statement is stored, and keeps the result (`SignedAttestation`); whether it counts
    /// for a course (`counts`) depends on the trust list and the catalog of the day, so it is
    /// asked when progress is read. The two together are `validAttestation`.
    public static func signedAttestation(in statement: JSONValue, learnerID: String) -> SignedAttestation? {
        guard let (document, attestation) = passedAttestation(in: statement, learnerID: learnerID),
              let issuer = attestation.assessorDID, isSignedByIssuer(document, issuer)
        else { return nil }
        return SignedAttestation(attestation, statementID: statement["id"]?.stringValue ?? "", assessorDID: issuer)
    }

    /// Whether a signed attestation counts for `course` today: it names the course and one of the
    /// learner's DIDs, and its signer is among the assessors registered with the course's body.
    public static func counts(_ signed: SignedAttestation, course: Course, learnerDIDs: Set<String>, assessors: Set<String>) -> Bool {
        signed.course == course.id && learnerDIDs.contains(signed.learnerDID) && assessors.contains(signed.assessorDID)
    }

    private static func passedAttestation(in statement: JSONValue, learnerID: String) -> (JSONValue, OutcomeAttestation)? {
        guard let document = statement["result"]?["extensions"]?[OutcomeAttestation.attestationExtension],
              document.objectValue != nil,
              let attestation = try? OutcomeAttestation(json: document),
              attestation.passed, attestation.learnerID == learnerID
        else { return nil }
        return (document, attestation)
    }

    private static func isSignedByIssuer(_ document: JSONValue, _ issuer: String) -> Bool {
        DataIntegrity.verify(document, purpose: .assertionMethod).signer?.did == issuer
    }

    /// An attestation whose pass, learner and signature were checked (`signedAttestation`), with
    /// what `counts` asks of it later and the statement that carries it.
    ///
    /// ```swift
    /// if let signed = CourseEvidence.signedAttestation(in: statement, learnerID: "ana") {
    ///     keep(signed.outcome, signed.statementID)   // counted or not at read time
    /// }
    /// ```
    public struct SignedAttestation: Sendable, Equatable {
        public var outcome: String
        public var course: String
        public var learnerDID: String
        public var assessorDID: String
        public var statementID: String

        public init(outcome: String, course: String, learnerDID: String, assessorDID: String, statementID: String) {
            self.outcome = outcome
            self.course = course
            self.learnerDID = learnerDID
            self.assessorDID = assessorDID
            self.statementID = statementID
        }

        init(_ attestation: OutcomeAttestation, statementID: String, assessorDID: String) {
            self.init(outcome: attestation.outcome, course: attestation.course, learnerDID: attestation.learnerDID,
                      assessorDID: assessorDID, statementID: statementID)
        }
    }

    /// False only when the actor is a wallet learner's account naming someone else.
    public static func isLearnersOwn(_ statement: JSONValue, learnerID: String) -> Bool {
        guard let account = statement["actor"]?["account"], account["homePage"]?.stringValue == XAPI.learnerAccountHomePage,
              let name = account["name"]?.stringValue
        else { return true }
        return name.lowercased() == learnerID.lowercased()
    }

    /// Ids (lowercased) of statements a voiding statement in the list voids.
    static func voidedStatementIDs(in statements: [JSONValue]) -> Set<String> {
        var ids = Set<String>()
        for statement in statements where statement["verb"]?["id"]?.stringValue == XAPI.Verb.voided {
            guard let object = statement["object"], object["objectType"]?.stringValue == "StatementRef",
                  let target = object["id"]?.stringValue
            else { continue }
            ids.insert(target.lowercased())
        }
        return ids
    }
}

/// An assessor the repository registered (`repositoryd assessor add`): their did:key and the name
/// of the awarding body they assess for. Only their attestations count for that body's courses.
///
/// ```swift
/// let assessor = RegisteredAssessor(did: "did:key:z6Mk…", awardingBody: "Gastro-Akademie Rheinland")
/// ```
public struct RegisteredAssessor: Sendable, Hashable {
    public var did: String
    public var awardingBody: String

    public init(did: String, awardingBody: String) {
        self.did = did
        self.awardingBody = awardingBody
    }
}
