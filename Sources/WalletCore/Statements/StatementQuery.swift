/// The filters of `GET /xapi/statements`, already parsed and validated, plus the paging cursor.
///
/// `since` is exclusive and `until` inclusive, both on `stored`. Paging walks `seq` (the store's
/// insertion order, which is also `stored` order) and is pinned to `highestSeq`, the newest
/// statement when the first page was asked for, so that pages stay stable while statements arrive.
///
/// ```swift
/// var query = StatementQuery(learnerID: ana.id)
/// query.verb = "http://adlnet.gov/expapi/verbs/passed"
/// let page = try await store.statements(matching: query)
/// ```
public struct StatementQuery: Sendable, Equatable, Codable {
    public static let defaultLimit = 100
    public static let maxLimit = 500

    public var learnerID: String
    public var agentKey: String?
    public var verb: String?
    public var activity: String?
    public var registration: String?
    public var relatedActivities = false
    public var relatedAgents = false
    public var sinceMs: Int64?
    public var untilMs: Int64?
    public var limit = StatementQuery.defaultLimit
    public var ascending = false
    /// Seq of the last statement of the previous page.
    public var afterSeq: Int64?
    /// The newest seq when paging started.
    public var highestSeq: Int64?

    public init(learnerID: String) { self.learnerID = learnerID }

    var hasMatchFilter: Bool { agentKey != nil || verb != nil || activity != nil || registration != nil }
}

/// One page of a statement query: the statements' JSON text, newest (or oldest) first, and the
/// query for the next page when there is one.
///
/// ```swift
/// let page = try await store.statements(matching: query)
/// if let next = page.next { … }
/// ```
public struct StatementPage: Sendable {
    public var statements: [String]
    public var lastStoredMs: Int64?
    public var next: StatementQuery?
}
