import WalletAPI
import Basics

/// A learner's progress per activity, derived from their statements: the wallet stores no
/// progress of its own, so nothing needs merging when statements arrive from several machines.
///
/// Per Activity (the statement's Object, when it is an Activity):
/// - attempted: any statement about it;
/// - completed: verb completed or passed, or `result.completion` true;
/// - passed: verb passed, or `result.success` true;
/// - failed: verb failed, or `result.success` false. Passed and failed are both kept when both
///   happened (a failed attempt, then a passed one); `ActivityProgress.state` shows passed;
/// - bestScaledScore: the highest `result.score.scaled`, or `(raw − min) / (max − min)` when a
///   score has no `scaled` but has `raw` within `min`…`max` and `max > min`;
/// - lastActivity: the latest `timestamp` (falling back to `stored`), compared as points in time,
///   kept as the text the device sent;
/// - name: `object.definition.name` (en-US, else en, else another English, else the first
///   language) from the latest statement that carries one;
/// - statementCount.
///
/// The result does not depend on the order of the statements: every tie is broken by value
/// (`ActivityTally`, the rule itself). It takes one pass over the statements and a sort of the
/// activities by the bytes of their ids. walletd keeps the same tallies as statements arrive
/// (`KeptProgress`); this derivation from scratch is what `walletd check` compares them with.
///
/// ```swift
/// let statements = try await store.activeStatements(learnerID: ana.id)   // non-voided
/// let response = ProgressResponse(learner: ana.id, activities: ProgressDerivation.derive(from: statements))
/// ```
public enum ProgressDerivation {

    /// Progress for every Activity the statements are about, sorted by activity id. Statements
    /// whose Object is not an Activity (Agents, StatementRefs, SubStatements) are skipped. The
    /// caller leaves out voided and voiding statements.
    public static func derive(from statements: [JSONValue]) -> [ActivityProgress] {
        var derivation = Accumulator()
        for statement in statements { derivation.add(statement) }
        return derivation.activities
    }

    /// The same derivation one statement at a time, holding one tally per Activity and no
    /// statement: for histories too long to hold at once (`walletd check`).
    ///
    /// ```swift
    /// var derivation = ProgressDerivation.Accumulator()
    /// while let statement = try cursor.next() { derivation.add(statement) }
    /// let activities = derivation.activities
    /// ```
    public struct Accumulator {
        // Keyed by the id's bytes, as SQLite compares text: two ids that Swift's String calls
        // equal (canonically equivalent Unicode) are two activities here, as in the kept tallies.
        private var tallies: [[UInt8]: (id: String, tally: ActivityTally)] = [:]

        public init() {}

        public mutating func add(_ statement: JSONValue) {
            guard let object = statement["object"], let activity = XAPI.activityID(of: object) else { return }
            tallies[Array(activity.utf8), default: (activity, ActivityTally())].tally.add(statement, object: object)
        }

        /// Every Activity's progress, sorted by activity id.
        public var activities: [ActivityProgress] {
            tallies.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { $0.value.tally.progress(activity: $0.value.id) }
        }
    }
}
