/// The hub's side of the contract: apply a device's push, serve a pull since a checkpoint.
/// repositoryd's SQLite store implements it; `MemoryHub` is the reference used by the simulation
/// tests. Both keep the same rules:
///
/// - a push is applied all or nothing, and a batch id seen before is answered from the log;
/// - a statement id seen before with the same content is a duplicate, with other content a kept
///   conflict; records merge by `RegisterState.merged(with:)`;
/// - a device pulls only learners it created (its push was the first to name them) or was given
///   by a PIN-checked fetch; a push for a learner the device does not hold is refused
///   (`SyncHubError.learnerNotHeld`), so naming a learner id never opens their history;
/// - every stored change gets the next hub sequence number; a pull returns a partition's changes
///   after `since`, in sequence order, leaving out statements that came from the asking replica,
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

    public var description: String {
        switch self {
        case .learnerNotHeld(let id):
            "learner \(id) was not created on this PC nor fetched onto it; fetch them first (wallet-cli learner fetch, with their PIN)"
        }
    }
}
