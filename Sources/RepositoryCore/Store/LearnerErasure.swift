/// What `RepositoryStore.eraseLearner(id:nowMs:)` removed and revoked, for the admin's output.
///
/// ```swift
/// if let erased = try store.eraseLearner(id: "0e2c…", nowMs: now) {
///     print(erased.statements, erased.revokedCredentials, erased.compacted)
/// }
/// ```
public struct LearnerErasure: Sendable, Equatable, Codable {
    public var learner: String
    public var statements: Int
    public var statementConflicts: Int
    public var records: Int
    public var recordVersions: Int
    public var deviceLinks: Int
    public var batchLogEntries: Int
    /// Ids of the credentials issued to the learner, now revoked; their status-list entries stay.
    public var revokedCredentials: [String]
    /// True when the storage was rewritten and its log emptied (SQLite: VACUUM and a truncated
    /// write-ahead log); false when a reader kept the log busy: the bytes leave it at a later
    /// checkpoint (the server's own, or its stop).
    public var compacted: Bool

    public init(learner: String, statements: Int = 0, statementConflicts: Int = 0, records: Int = 0, recordVersions: Int = 0,
                deviceLinks: Int = 0, batchLogEntries: Int = 0, revokedCredentials: [String] = [], compacted: Bool = false) {
        self.learner = learner
        self.statements = statements
        self.statementConflicts = statementConflicts
        self.records = records
        self.recordVersions = recordVersions
        self.deviceLinks = deviceLinks
        self.batchLogEntries = batchLogEntries
        self.revokedCredentials = revokedCredentials
        self.compacted = compacted
    }
}
