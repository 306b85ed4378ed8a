import Basics

/// An item the hub refused on its own, for its content: held back on this PC (never deleted),
/// skipped by later pushes so the items after it go through, and shown with its reason until it
/// is tried again.
///
/// ```swift
/// try store.quarantine(QuarantineEntry(learner: "ana", item: .statement(statement, seq: 41),
///                                      code: .statementTooLarge, reason: "…"))
/// ```
public struct QuarantineEntry: Sendable {
    public enum Item: Sendable {
        /// A statement and its local sequence number (nil when the store did not say).
        case statement(WireStatement, seq: Int64?)
        /// A record in the state that was refused; a later local write is tried again.
        case record(WireRecord)
    }

    public var learner: String
    public var item: Item
    public var code: ErrorCode
    public var reason: String

    public init(learner: String, item: Item, code: ErrorCode, reason: String) {
        self.learner = learner
        self.item = item
        self.code = code
        self.reason = reason
    }

    /// `statement` or `record`.
    public var kind: String {
        switch item {
        case .statement: "statement"
        case .record: "record"
        }
    }

    /// The statement id or the record key.
    public var key: String {
        switch item {
        case .statement(let statement, _): statement.id
        case .record(let record): record.key
        }
    }
}

/// A learner whose changes were held back in a run (the hub refused the learner, or a pulled
/// partition could not be read): nothing of theirs is quarantined, and the next run tries again.
///
/// ```swift
/// for hold in report.heldBack { print("\(hold.learner): \(hold.message)") }
/// ```
public struct SyncHold: Sendable, Equatable {
    public enum Phase: String, Sendable { case push, pull }
    public var learner: String
    public var phase: Phase
    public var code: ErrorCode
    public var message: String

    public init(learner: String, phase: Phase, code: ErrorCode, message: String) {
        self.learner = learner
        self.phase = phase
        self.code = code
        self.message = message
    }
}
