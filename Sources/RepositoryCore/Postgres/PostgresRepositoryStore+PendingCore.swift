import SecurityPrimitives
import SyncEngine

// TEMPORARY (branch only, never on main): the parts the lead ports next.
extension PostgresRepositoryStore {
    public func pull(_ request: PullRequest, device: String) async throws -> PullResponse { throw PostgresNotYet() }
    public func prune() async throws -> PruneReport { throw PostgresNotYet() }
    public func addEnrolmentCode(_ code: String, label: String?, nowMs: Int64, expiresMs: Int64) async throws { throw PostgresNotYet() }
    public func enrol(code: String, replica: ReplicaID, name: String, token: String, previousToken: String?, nowMs: Int64) async throws -> EnrolledDevice? { throw PostgresNotYet() }
    public func enrolCopy(of parent: EnrolledDevice, replica: ReplicaID, name: String, token: String, nowMs: Int64) async throws -> EnrolledDevice { throw PostgresNotYet() }
    public func authenticate(token: String) async throws -> EnrolledDevice? { throw PostgresNotYet() }
    public func rotateDeviceToken(presented: String, proposed: String, nowMs: Int64) async throws -> TokenRotation { throw PostgresNotYet() }
    public func devices() async throws -> [DeviceSummary] { throw PostgresNotYet() }
    public func revokeDevice(_ idOrName: String, nowMs: Int64) async throws -> DeviceSummary { throw PostgresNotYet() }
    public func addReplaceCode(_ code: String, replacing idOrName: String, nowMs: Int64, expiresMs: Int64) async throws -> String { throw PostgresNotYet() }
    public func learner(id: String) async throws -> (learner: WireLearner, failedAttempts: Int, lockedUntilMs: Int64)? { throw PostgresNotYet() }
    public func reserveFetchAttempt(learnerID: String, nowMs: Int64) async throws -> LoginThrottle.Reservation? { throw PostgresNotYet() }
    public func clearFetchAttempts(learnerID: String) async throws { throw PostgresNotYet() }
    public func link(device: String, learner: String) async throws { throw PostgresNotYet() }
    public func importCatalog(json: String, version: String, nowMs: Int64) async throws { throw PostgresNotYet() }
    public func catalog() async throws -> (version: String, json: String)? { throw PostgresNotYet() }
    public func stats() async throws -> RepositoryStats { throw PostgresNotYet() }
}
