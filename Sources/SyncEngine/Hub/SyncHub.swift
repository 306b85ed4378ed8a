/// The hub's side of the contract: apply a device's push, serve a pull since a checkpoint.
/// repositoryd's SQLite store implements it; `MemoryHub` is the reference used by the simulation
/// tests. Both keep the same rules:
///
/// - a push is applied all or nothing, and a batch id seen before is answered from the log;
/// - a statement id seen before with the same content is a duplicate, with other content a kept
///   conflict; records merge by `RegisterState.merged(with:)`;
/// - a device pulls only learners it pushed for or was given by a PIN-checked fetch;
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
