import SecurityPrimitives
import Credentials
import Foundation
import Hummingbird
import WalletAPI
import WalletCore
import Catalog
import Basics
import DaemonKit

/// `POST /v1/learners/{id}/attestations`: an assessor, logged in on this PC with their own
/// account, signs off one learning outcome of learner `{id}`. Only an account whose holder DID the
/// repository's trust list registers as an assessor of the course's awarding body may do this
/// (`not_an_assessor` otherwise; the repository checks again before it issues anything). The
/// attestation is signed with the assessor's key and stored as an immutable statement in the
/// learner's record, which syncs like the learner's own. With `verifiedName` and `identityCheck`
/// the assessor also signs who they assessed: the name the course's credential will carry as
/// checked (the learner's own profile name is only ever shown as self-declared).
struct AttestationRoutes: Sendable {
    let store: WalletStore
    let keyring: SessionKeyring
    let clock: WallClock
    var onChange: @Sendable () -> Void = {}

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.attest) { request, context in
            try await attest(request, session: context.requireSession(), learnerID: context.parameters.require("id"))
        }
    }

    func attest(_ request: Request, session: AuthenticatedSession, learnerID rawLearner: String) async throws -> Response {
        let input = try await JSONRequestBody.decode(AttestationRequest.self, from: request, limit: 16 * 1024)
        let learnerID = rawLearner.lowercased()
        guard learnerID != session.learnerID else {
            throw APIError(.forbidden, .selfAssessment, "An assessor cannot sign off their own learning outcomes.")
        }
        guard let learner = try await store.learner(id: learnerID) else {
            throw APIError(.notFound, .learnerNotFound, "No learner with id \(rawLearner.prefix(64)) on this PC. `wallet-cli learner list` shows who is here.")
        }
        guard let learnerDID = learner.holderKey?.did else {
            throw APIError(.conflict, .learnerHasNoKey, "\(learner.name) has no holder key on this PC yet: they log in once, then the outcome can be signed off.")
        }
        guard ["passed", "failed"].contains(input.result) else {
            throw APIError.badRequest("result is passed or failed.", code: .invalidAttestation)
        }
        if let score = input.score, !(0...1).contains(score) {
            throw APIError.badRequest("score is scaled between 0 and 1 (e.g. 0.85).", code: .invalidAttestation)
        }
        if let note = input.note, note.count > OutcomeAttestation.maximumNoteLength {
            throw APIError.badRequest("The note is longer than \(OutcomeAttestation.maximumNoteLength) characters.", code: .invalidAttestation)
        }
        let identity = try Self.identity(of: input)
        let (course, outcome) = try resolve(outcome: input.outcome)
        guard let key = await keyring.key(session: session.tokenHash) else {
            throw APIError(.unauthorized, .keyLocked, "Your signing key is opened at login and walletd restarted since. Log in again (`wallet-cli login`).")
        }
        try requireAssessor(did: key.didKey.did, course: course)

        let now = clock.nowMs()
        let date = Date(timeIntervalSince1970: Double(now) / 1000)
        let attestationID = "urn:uuid:\(UUID().uuidString.lowercased())"
        let unsigned = OutcomeAttestation(learnerDID: learnerDID, learnerID: learner.id, course: course.id, outcome: outcome.id,
                                          passed: input.result == "passed", score: input.score, note: input.note,
                                          identity: identity)
            .unsignedCredential(id: attestationID, assessor: key.didKey, validFrom: date)
        let signed = try DataIntegrity.sign(unsigned, key: key, purpose: .assertionMethod, created: date)
        let statement = AttestationStatement.make(
            id: UUID(), attestation: signed, learner: (learner.id, learner.name), assessor: (session.learnerID, session.learnerName),
            course: course, outcome: outcome, passed: input.result == "passed", score: input.score,
            timestamp: Timestamp.format(millisecondsSince1970: now))
        let valid = try StatementRoutes.validate([statement], version: .v2_0_0)
        let ids = try await store.insertStatements(valid, learnerID: learner.id, authority: session.authority,
                                                   version: XAPI.currentVersion, nowMs: now)
        try store.appendAudit([AuditEvent(.attestation, learner: learner.id, detail: [
            "assessor": AuditEvent.learnerReference(session.learnerID), "attestation": attestationID, "course": course.id, "outcome": outcome.id, "result": input.result,
            "identityChecked": identity == nil ? "no" : "yes",
        ])], nowMs: now)
        onChange()
        return JSONResponse.make(status: .created, body: AttestationResponse(
            statement: ids.first ?? "", attestation: attestationID, course: course.id, outcome: outcome.id, result: input.result))
    }

    /// The identity check the assessor states (`verifiedName` with `identityCheck`), or nil when
    /// they state none; one without the other is refused, so a name is never signed without how
    /// it was checked.
    static func identity(of input: AttestationRequest) throws -> IdentityVerification? {
        switch (input.verifiedName, input.identityCheck) {
        case (nil, nil):
            return nil
        case (let name?, let check?):
            do {
                return try IdentityVerification(verifiedName: name, identityCheck: check)
            } catch {
                throw APIError.badRequest("\(error) (verifiedName: the learner's name as you checked it, at most \(IdentityVerification.maximumNameLength) characters; identityCheck: how, e.g. \"photo ID\").",
                                          code: .invalidAttestation)
            }
        default:
            throw APIError.badRequest("Give verifiedName and identityCheck together: the name you checked and how you checked it (e.g. \"photo ID\"), or neither.",
                                      code: .invalidAttestation)
        }
    }

    /// The outcome by its full id, or by the last part of it when that names exactly one.
    func resolve(outcome given: String) throws -> (Course, LearningOutcome) {
        guard let stored = try store.catalogJSON(), let catalog = try? CourseCatalog.parse(Data(stored.json.utf8)) else {
            throw APIError(.conflict, .noCatalog, "This PC has no course catalog yet; it comes with the first sync (`wallet-cli sync`).")
        }
        let pairs = catalog.courses.flatMap { course in course.learningOutcomes.map { (course, $0) } }
        if let exact = pairs.first(where: { $0.1.id == given }) { return exact }
        let bySuffix = pairs.filter { $0.1.id.hasSuffix("/" + given) }
        guard bySuffix.count == 1, let only = bySuffix.first else {
            throw APIError(.notFound, bySuffix.isEmpty ? .outcomeNotFound : .outcomeAmbiguous,
                           bySuffix.isEmpty ? "No learning outcome \(given.prefix(200)) in the catalog. `wallet-cli courses` lists each course's outcomes with their ids."
                                            : "\(given.prefix(200)) names \(bySuffix.count) outcomes; give the full outcome id (`wallet-cli courses`).")
        }
        return only
    }

    func requireAssessor(did: String, course: Course) throws {
        guard let held = try store.trustList(), let trust = try? TrustListContent(json: held.list.json) else {
            throw APIError(.conflict, .noTrustList, "This PC has not fetched the repository's list of assessors yet. Sync first (`wallet-cli sync`).")
        }
        guard trust.registeredAssessors.contains(RegisteredAssessor(did: did, awardingBody: course.awardingBody.name)) else {
            throw APIError(.forbidden, .notAnAssessor, "Your account (\(did)) is not registered as an assessor for \(course.awardingBody.name). The repository admin registers it with `repositoryd assessor add --did \(did) …`; then sync and try again.")
        }
    }
}
