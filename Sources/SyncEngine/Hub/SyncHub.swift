/// The hub's side of the contract: apply a device's push, serve a pull since a checkpoint.
/// repositoryd's SQLite store implements it; `MemoryHub` (TestSupport) is the reference used by the simulation
/// tests. Both keep the same rules:
///
/// - a push is applied all or nothing, and a batch id seen before is answered from the log;
/// - a statement id seen before with the same content is a duplicate, with other content a kept
///   conflict; records merge by `RegisterState.merged(with:)`;
/// - a device pulls only learners it created (its push was the first to name them) or was given
///   by a PIN-checked fetch; a push for a learner the device does not hold is refused
///   (`SyncHubError.learnerNotHeld`), so naming a learner id never opens their history;
/// - a push carrying a record only the hub writes (`RecordKey.isReserved`: `credential/…`) is
///   refused as a whole (`SyncHubError.reservedRecord`);
/// - a push whose record would merge into more than `RegisterState.maxSiblings` values is refused
///   as a whole (`SyncHubError.tooManySiblings`): the stored state stays readable, and the PC
///   keeps its write until someone resolves the conflict there;
/// - a learner id the hub does not know is created only as `LearnerClaimRule` allows (a bound id
///   needs a claim signed by its key), and a known learner's PIN hash and sealed key change only
///   with a newer claim signed by the DID stored for them (`SyncHubError.learnerClaimRefused`);
///   a pull brings a held learner's newer claim to a device whose cursor shows an older one;
/// - every stored change gets the next hub sequence number; a pull returns a partition's changes
///   after `since`, in sequence order, leaving out statements that came from the asking replica
///   (unless the cursor asks for them: `PullRequest.Cursor.own`),
///   at most `limit` in all, and `next` is the last sequence number the answer covers.
///
/// ```swift
/// let ack = try hub.push(request, device: "pc-1")
/// let answer = try hub.pull(PullRequest(replica: me, limit: 1000, partitions: cursors), device: "pc-1")
/// ```
public protocol SyncHub: Sendable {
    func push(_ request: PushRequest, device: String) throws -> PushResponse
    func pull(_ request: PullRequest, device: String) throws -> PullResponse
}

/// A push the hub refuses as a whole.
public enum SyncHubError: Error, Equatable, CustomStringConvertible {
    /// The learner exists and this device neither created nor fetched them.
    case learnerNotHeld(String)
    /// The push carries a record only the repository writes (`RecordKey.isReserved`, e.g. an
    /// issued credential): nothing of the push was applied.
    case reservedRecord(String)
    /// Merging the push's record into the hub's would leave more than `RegisterState.maxSiblings`
    /// concurrent values: nothing of the push was applied.
    case tooManySiblings(String)
    /// The learner's claim (`WireLearnerClaim`) is missing where it is needed (a new learner with
    /// an id bound to a key) or does not hold: nothing of the push was applied.
    case learnerClaimRefused(String, String)

    public var description: String {
        switch self {
        case .learnerNotHeld(let id):
            "learner \(id) was not created on this PC nor fetched onto it; fetch them first (wallet-cli learner fetch, with their PIN)"
        case .reservedRecord(let key):
            "the push carries record \(key.prefix(120)), which only the repository writes (credentials are issued there, never by a PC); nothing of this push was applied — update walletd so it stops sending such records"
        case .learnerClaimRefused(let id, let reason):
            "learner \(id) was refused: \(reason); nothing of this push was applied — a learner's first push must carry a claim signed by their holder key (log in once on the PC that created them, with an up-to-date walletd, and sync again)"
        case .tooManySiblings(let key):
            "record \(key.prefix(120)) would hold more than \(RegisterState.maxSiblings) conflicting values once merged; nothing of this push was applied — resolve the conflict on the PC (wallet-cli resolve) and sync again"
        }
    }
}
