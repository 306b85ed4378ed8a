/// What one sync run did, for `GET /v1/sync`, the CLI and the tests.
///
/// ```swift
/// let report = try client.run()
/// print("pushed \(report.pushedStatements) in \(report.pushBatches) batches")
/// ```
public struct SyncReport: Sendable, Equatable {
    public var pushBatches = 0
    public var pushedStatements = 0
    public var pushedRecords = 0
    /// Statements the hub already had (a batch resent after a lost answer).
    public var duplicates = 0
    public var conflicts: [String] = []
    public var replayedBatches = 0
    public var pullRequests = 0
    public var pulledStatements = 0
    public var pulledRecords = 0
    public var catalogUpdated = false
    /// Times the run found the hub in a new epoch (restored from an older copy) and started over.
    public var hubStartOvers = 0
    /// Pushes the hub refused for their content (then split) and pulls answered with something
    /// unreadable (then asked again in parts): requests too.
    public var refusedPushes = 0
    public var unreadablePulls = 0
    /// Items quarantined by this run (refused on their own; kept on the PC, shown, skipped).
    public var quarantined = 0
    /// Learners whose push or pull was held back by this run, with the hub's reason.
    public var heldBack: [SyncHold] = []

    public init() {}

    public var requests: Int { pushBatches + refusedPushes + pullRequests + unreadablePulls + (catalogUpdated ? 1 : 0) }

    /// Notes a held-back learner once per phase.
    mutating func hold(_ hold: SyncHold) {
        guard !heldBack.contains(where: { $0.learner == hold.learner && $0.phase == hold.phase }) else { return }
        heldBack.append(hold)
    }
}

/// Progress of a running sync, for a progress bar.
public struct SyncProgress: Sendable, Equatable {
    public enum Phase: String, Sendable { case pushing, pulling, catalog, done }
    public var phase: Phase
    public var learner: String?
    public var pushedStatements: Int
    public var pulledStatements: Int

    public init(phase: Phase, learner: String?, pushedStatements: Int, pulledStatements: Int) {
        self.phase = phase
        self.learner = learner
        self.pushedStatements = pushedStatements
        self.pulledStatements = pulledStatements
    }
}
