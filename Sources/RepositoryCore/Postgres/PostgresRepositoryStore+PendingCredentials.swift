import Credentials
import SecurityPrimitives
import SyncEngine

// TEMPORARY (branch only, never on main): the parts a helper ports next.
struct PostgresNotYet: Error {}

extension PostgresRepositoryStore {
    func issueCredentials(authority: CredentialAuthority, learnerID: String, touched: Set<String>, everyCourse: Bool,
                          in push: PostgresPushTransaction) async throws -> [CredentialEvent] { throw PostgresNotYet() }
    public func addAssessor(id: String, name: String, awardingBody: String, did: String, nowMs: Int64) async throws { throw PostgresNotYet() }
    public func assessors() async throws -> [AssessorRecord] { throw PostgresNotYet() }
    public func removeAssessor(id: String) async throws -> Bool { throw PostgresNotYet() }
    public func issuedCredentials(learner: String?) async throws -> [IssuedCredentialRecord] { throw PostgresNotYet() }
    public func issuedCredential(id: String) async throws -> IssuedCredentialRecord? { throw PostgresNotYet() }
    public func setCredentialStatus(id: String, to status: CredentialStatusValue, nowMs: Int64) async throws -> IssuedCredentialRecord { throw PostgresNotYet() }
    public func awardingBodies() async throws -> [AwardingBodyRecord] { throw PostgresNotYet() }
    public func statusList(slug: String) async throws -> StatusListState? { throw PostgresNotYet() }
    public func trustListVersion() async throws -> Int { throw PostgresNotYet() }
    public func addResetCode(_ code: String, learnerID: String, assessor: String, nowMs: Int64, expiresMs: Int64) async throws -> Bool { throw PostgresNotYet() }
    public func resetLearner(_ reset: LearnerReset, device: String, nowMs: Int64) async throws -> LearnerResetOutcome { throw PostgresNotYet() }
    public func eraseLearner(id: String, nowMs: Int64) async throws -> LearnerErasure? { throw PostgresNotYet() }
    public func auditAnchor(device: String) async throws -> AuditAnchor? { throw PostgresNotYet() }
    public func anchorAudit(_ request: AuditAnchorRequest, device: String, nowMs: Int64) async throws -> AuditAnchorResponse { throw PostgresNotYet() }
}
