/// The device's side of the change-log contract: what is not yet acknowledged, and where to keep
/// what arrives. Each method is one transaction.
///
/// ```swift
/// for cursor in try store.partitions() {
///     while let batch = try store.pendingBatch(learner: cursor.learner, limit: 1000) { … }
/// }
/// ```
public protocol SyncClientStore: Sendable {
    var replica: ReplicaID { get }

    /// Every partition (learner) the device holds, with its pull checkpoint.
    func partitions() throws -> [PullRequest.Cursor]

    /// The partitions to pull: those in use. A store may leave out learners unused for long (they
    /// stay on the hub and come back when used), so a PC's pulls do not grow with every learner it
    /// ever held; pushes still go through every partition.
    func pullPartitions() throws -> [PullRequest.Cursor]

    /// The oldest changes of `learner` not yet acknowledged by the hub (statements after the push
    /// checkpoint, in local order, and dirty records), at most `limit` of each; nil when none.
    func pendingBatch(learner: String, limit: Int) throws -> PendingBatch?

    /// Like `pendingBatch(learner:limit:)`, and besides at most `maxBytes` of items (at least one
    /// item, so a large statement still goes). Quarantined items are left out.
    func pendingBatch(learner: String, limit: Int, maxBytes: Int) throws -> PendingBatch?

    /// The batch that follows one still on its way (`after` its `lastSeq`): statements only, as
    /// if that batch were acknowledged, so the client prepares it during the round trip. Nil when
    /// there is none, or when the store cannot tell (the client then reads after the answer).
    func statementBatch(learner: String, limit: Int, maxBytes: Int, after: Int64) throws -> PendingBatch?

    /// `statementBatch`, started now and read when the current batch is answered: a store that
    /// can read on another thread does so (walletd's), the default reads at once.
    func prepareStatementBatch(learner: String, limit: Int, maxBytes: Int, after: Int64) -> any PreparedBatch

    /// The hub refused `entry`'s item on its own: keep it on this PC, leave it out of later
    /// batches, and show it with its reason (`SyncQuarantine.swift`).
    func quarantine(_ entry: QuarantineEntry) throws

    /// The hub has the batch: move the push checkpoint to `batch.lastSeq` and clear the dirty
    /// mark of every record whose state is still the one sent.
    func acknowledge(_ batch: PendingBatch, response: PushResponse) throws

    /// Stores one partition's pulled changes and its new checkpoint, all or nothing.
    func applyPulled(_ partition: PullResponse.Partition) throws

    /// The newest hub state this device saw, shown on every pull; nil before the first.
    func hubWitness() throws -> HubWitness?

    /// Keeps `witness` when none is kept, or when it is from the kept epoch with a higher change
    /// number; anything else is left as it is. The client keeps an answer's witness before it
    /// applies the answer, so no checkpoint ever moves past what the kept witness vouches for (a
    /// witness ahead of the checkpoints only makes a rollback easier to see).
    func keep(_ witness: HubWitness) throws

    /// The hub answered from an epoch other than the kept witness's: it was restored from an
    /// older copy or went back in time, and may have lost anything. In one transaction: every
    /// statement the device holds (its own and those it pulled) and every record become pending
    /// again, every learner is announced again, every pull checkpoint goes back to zero, and
    /// `witness` is kept. The hub takes what it already has as duplicates.
    func startOver(at witness: HubWitness) throws

    func catalogVersion() throws -> String?
    func storeCatalog(_ envelope: CatalogEnvelope) throws
}

extension SyncClientStore {
    public func pullPartitions() throws -> [PullRequest.Cursor] { try partitions() }

    /// For a store that bounds batches by count only: its batch, cut to the byte budget.
    public func pendingBatch(learner: String, limit: Int, maxBytes: Int) throws -> PendingBatch? {
        try pendingBatch(learner: learner, limit: limit)?.fitted(maxBytes: maxBytes)
    }

    public func statementBatch(learner: String, limit: Int, maxBytes: Int, after: Int64) throws -> PendingBatch? { nil }

    public func prepareStatementBatch(learner: String, limit: Int, maxBytes: Int, after: Int64) -> any PreparedBatch {
        ReadBatch(Result { try statementBatch(learner: learner, limit: limit, maxBytes: maxBytes, after: after) })
    }
}

/// Unacknowledged changes of one learner, ready to push.
public struct PendingBatch: Sendable {
    public var request: PushRequest
    /// The local sequence number of the last statement in the batch (the push checkpoint once
    /// acknowledged); the previous checkpoint when the batch has records only.
    public var lastSeq: Int64
    /// The local sequence number of each statement, in order, so that a batch can be split and
    /// each part acknowledged on its own (empty when the store does not say; then a split part
    /// before the last is sent again later, which changes nothing).
    public var statementSeqs: [Int64]

    public init(request: PushRequest, lastSeq: Int64, statementSeqs: [Int64] = []) {
        self.request = request
        self.lastSeq = lastSeq
        self.statementSeqs = statementSeqs
    }
}

/// A batch being read while the one before it is on its way; `value()` waits for it.
///
/// ```swift
/// let next = store.prepareStatementBatch(learner: id, limit: 1_000, maxBytes: max, after: sent.lastSeq)
/// let prepared = try next.value()
/// ```
public protocol PreparedBatch: Sendable {
    func value() throws -> PendingBatch?
}

/// A batch already read (the default: no thread of its own).
///
/// ```swift
/// let ready = ReadBatch(Result { try store.statementBatch(learner: id, limit: 1_000, maxBytes: max, after: 42) })
/// ```
public struct ReadBatch: PreparedBatch {
    let result: Result<PendingBatch?, any Error>
    public init(_ result: Result<PendingBatch?, any Error>) { self.result = result }
    public func value() throws -> PendingBatch? { try result.get() }
}
