import Credentials
import Foundation
import Catalog
import Basics
@testable import RepositoryCore
@testable import SyncEngine

/// An in-memory `IssuanceLedger`: what a store keeps for issuance, as plain values, so that
/// `CredentialIssuer` is tested without a database (and proves it needs none). It does not
/// undo writes when issuance throws: a store's transaction does that.
///
/// ```swift
/// let ledger = MemoryIssuanceLedger(catalog: catalog)
/// ledger.learners["ana"] = ("Ana", holderDID)
/// let events = try CredentialIssuer(authority: authority, replica: hub).run(ledger, learnerID: "ana", touched: [], everyCourse: true, nowMs: 1)
/// ```
final class MemoryIssuanceLedger: IssuanceLedger {
    var learners: [String: (name: String, holderDID: String?)] = [:]
    var records: [String: [String: RegisterState]] = [:]
    var catalogText: (version: String, json: String)?
    var statementsByLearner: [String: [JSONValue]] = [:]
    var registered: [RegisteredAssessor] = []
    /// The registered name of each assessor, by DID.
    var assessorNames: [String: String] = [:]
    var nextSlot: [String: Int] = [:]
    var issued: [IssuedCredentialRecord] = []
    /// Per learner, their holder DIDs before a PIN reset.
    var formerDIDs: [String: Set<String>] = [:]
    /// Every record version appended, in order, as (learner, key, state).
    var appended: [(learnerID: String, key: String, state: RegisterState)] = []

    init(catalog: CourseCatalog) throws {
        let file = try CatalogFile.parse(try JSONEncoder().encode(catalog), source: "test catalog")
        catalogText = (file.version, file.json)
    }

    func learner(id: String) -> (name: String, holderDID: String?)? { learners[id] }
    func record(learnerID: String, key: String) -> RegisterState? { records[learnerID]?[key] }
    func catalog() -> (version: String, json: String)? { catalogText }
    func issuedCourses(learnerID: String) -> Set<String> { Set(issued.filter { $0.learnerID == learnerID }.map(\.courseID)) }
    func statements(learnerID: String) -> [JSONValue] { statementsByLearner[learnerID] ?? [] }
    func assessors() -> [RegisteredAssessor] { registered }
    func formerHolderDIDs(learnerID: String) -> Set<String> { formerDIDs[learnerID] ?? [] }
    func assessorName(did: String) -> String? { assessorNames[did] }

    func takeStatusListSlot(awardingBody slug: String, capacity: Int) -> Int? {
        let slot = nextSlot[slug, default: 0]
        guard slot < capacity else { return nil }
        nextSlot[slug] = slot + 1
        return slot
    }

    func recordIssued(_ credential: IssuedCredentialRecord) { issued.append(credential) }

    func appendHubRecord(_ state: RegisterState, key: String, learnerID: String) {
        appended.append((learnerID, key, state))
        records[learnerID, default: [:]][key] = (records[learnerID]?[key] ?? RegisterState()).merged(with: state)
    }
}
