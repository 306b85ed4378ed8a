/// How long the repository keeps what only serves a while: the batch log (answers to batches a
/// device may send again after a lost answer), old versions of each record, and the marks that
/// let a PC's witness show the repository went back in time. Statements, current records,
/// learners and devices are never pruned.
///
/// ```swift
/// let store = try SQLiteRepositoryStore(directory: dir, durability: .full, retention: RepositoryRetention(recordVersions: 20))
/// let pruned = try store.prune()
/// ```
public struct RepositoryRetention: Sendable, Equatable {
    /// Versions kept per record in its history, newest first; 0 keeps every version.
    public var recordVersions: Int
    /// A device resends a batch within seconds of a lost answer; one sent again after this is
    /// applied again, which changes nothing.
    public var batchLogDays: Int
    /// A PC offline longer than this shows a witness the repository can no longer check.
    public var witnessDays: Int

    public init(recordVersions: Int = 100, batchLogDays: Int = 14, witnessDays: Int = 400) {
        precondition(recordVersions >= 0 && batchLogDays >= 1 && witnessDays >= 1, "retention out of range")
        self.recordVersions = recordVersions
        self.batchLogDays = batchLogDays
        self.witnessDays = witnessDays
    }
}

/// What one `prune()` removed.
///
/// ```swift
/// let pruned = try store.prune()
/// print(pruned.batchLogEntries, pruned.witnessMarks)
/// ```
public struct PruneReport: Sendable, Equatable {
    public var batchLogEntries = 0
    public var witnessMarks = 0

    public init() {}
    public var isEmpty: Bool { batchLogEntries == 0 && witnessMarks == 0 }
}
