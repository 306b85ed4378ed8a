/// An item the repository refused on its own (`GET /v1/sync`, `quarantined`): it stays in this
/// PC's wallet, is no longer sent, and is tried again when walletd is updated or on
/// `POST /v1/sync?retryQuarantined=true`.
///
/// ```swift
/// for item in status.quarantined ?? [] { print("\(item.kind) \(item.item): \(item.reason)") }
/// ```
public struct QuarantinedItem: Codable, Sendable, Equatable {
    public var learner: String
    /// `statement` or `record`.
    public var kind: String
    /// The statement id or the record key.
    public var item: String
    /// The repository's error code (e.g. `statement_too_large`, `reserved_record`).
    public var code: String
    /// The repository's words.
    public var reason: String
    /// When it was held back (ISO 8601, this PC's clock).
    public var since: String

    public init(learner: String, kind: String, item: String, code: String, reason: String, since: String) {
        self.learner = learner
        self.kind = kind
        self.item = item
        self.code = code
        self.reason = reason
        self.since = since
    }
}

/// A learner whose push or pull a sync run held back (`SyncRunResult.heldBack`): the repository
/// refused the learner, or their part of its answer could not be read. Nothing is lost; the next
/// run tries again, and other learners sync meanwhile.
///
/// ```swift
/// for hold in result.heldBack ?? [] { print("\(hold.learner) (\(hold.phase)): \(hold.message)") }
/// ```
public struct HeldBackLearner: Codable, Sendable, Equatable {
    public var learner: String
    /// `push` or `pull`.
    public var phase: String
    public var code: String
    public var message: String

    public init(learner: String, phase: String, code: String, message: String) {
        self.learner = learner
        self.phase = phase
        self.code = code
        self.message = message
    }
}
