import Credentials
import SyncEngine
import Basics

/// What issuance reads and writes, inside the transaction of the push that runs it: the
/// learner's evidence and who may vouch for it, the credentials already issued, the status-list
/// slots, and the learner's records. A store implements it for its push transaction
/// (`SQLitePushTransaction` in the SQLite store), so `CredentialIssuer` holds the rules of issuance
/// and no SQL, and another store (PostgreSQL) issues by implementing these few operations.
///
/// The writes belong to the push's transaction: when issuance throws, the store undoes them.
///
/// ```swift
/// let issuer = CredentialIssuer(authority: authority, replica: store.replica)
/// let events = try issuer.run(ledger, learnerID: "ana", touched: achieved, everyCourse: false, nowMs: now)
/// ```
protocol IssuanceLedger: AnyObject {
    /// The learner's name as they enrolled and their holder DID (nil until a PC sent their holder
    /// key); nil for an unknown learner.
    func learner(id: String) throws -> (name: String, holderDID: String?)?
    /// The current state of one of the learner's records; nil when they have none (or it cannot
    /// be read).
    func record(learnerID: String, key: String) throws -> RegisterState?
    /// The course catalog as imported: its version and JSON text.
    func catalog() throws -> (version: String, json: String)?
    /// The courses a credential was already issued for to this learner.
    func issuedCourses(learnerID: String) throws -> Set<String>
    /// Every statement of the learner (their own and those carrying attestations), parsed.
    func statements(learnerID: String) throws -> [JSONValue]
    /// The learner's holder DIDs before their PIN resets (attestations made for them still count).
    func formerHolderDIDs(learnerID: String) throws -> Set<String>
    /// The assessors registered with the catalog's awarding bodies.
    func assessors() throws -> [RegisteredAssessor]
    /// The name the repository registered an assessor under (`repositoryd assessor add --name`);
    /// nil for an unknown DID.
    func assessorName(did: String) throws -> String?
    /// Takes the next free slot of the awarding body's status list (by slug) and marks the list
    /// changed; nil, taking nothing, when `capacity` slots are taken.
    func takeStatusListSlot(awardingBody slug: String, capacity: Int) throws -> Int?
    /// Keeps a credential as issued (unique per learner and course).
    func recordIssued(_ credential: IssuedCredentialRecord) throws
    /// Appends a version the repository itself wrote to the learner's record `key`, through the
    /// same path pushed versions take, with the next change sequence number.
    func appendHubRecord(_ state: RegisterState, key: String, learnerID: String) throws
}
