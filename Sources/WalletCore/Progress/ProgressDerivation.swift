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
/// The result does not depend on the order of the statements: every tie is broken by value. It
/// takes one pass over the statements and a sort of the activities.
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
        var tallies: [String: Tally] = [:]
        for statement in statements {
            guard let object = statement["object"], let activity = XAPI.activityID(of: object) else { continue }
            tallies[activity, default: Tally()].add(statement, object: object)
        }
        return tallies.keys.sorted().compactMap { id in tallies[id].map { $0.progress(activity: id) } }
    }
}

/// When a statement happened, ordered so that the latest wins and ties resolve the same way
/// whatever order statements come in: readable times beat unreadable ones, then later beats
/// earlier, then the greater text wins.
private struct Moment: Comparable {
    var readable: Bool
    var micros: Int64
    var text: String

    init(_ text: String) {
        self.text = text
        if let micros = Timestamp.parseMicroseconds(text, requireOffset: false) {
            readable = true
            self.micros = micros
        } else {
            readable = false
            micros = 0
        }
    }

    static func < (a: Moment, b: Moment) -> Bool {
        (a.readable ? 1 : 0, a.micros, a.text) < (b.readable ? 1 : 0, b.micros, b.text)
    }
}

private struct Tally {
    var count = 0
    var completed = false
    var passed = false
    var failed = false
    var bestScaled: Double?
    var latest: Moment?
    var name: (moment: Moment?, text: String)?

    mutating func add(_ statement: JSONValue, object: JSONValue) {
        count += 1
        let verb = statement["verb"]?["id"]?.stringValue
        let result = statement["result"]
        let success = result?["success"]?.boolValue

        if verb == XAPI.Verb.completed || verb == XAPI.Verb.passed
            || result?["completion"]?.boolValue == true {
            completed = true
        }
        if verb == XAPI.Verb.passed || success == true { passed = true }
        if verb == XAPI.Verb.failed || success == false { failed = true }
        if let scaled = Self.scaledScore(result?["score"]) {
            bestScaled = max(bestScaled ?? scaled, scaled)
        }

        let moment = (statement["timestamp"]?.stringValue ?? statement["stored"]?.stringValue).map(Moment.init)
        if let moment, latest.map({ $0 < moment }) ?? true { latest = moment }
        if let text = Self.name(of: object) {
            // Same tie-breaking as for time: the latest statement's name, then the greater text,
            // so the choice does not depend on statement order.
            let candidate = (moment: moment, text: text)
            if let current = name {
                if Self.isBefore(current, candidate) { name = candidate }
            } else {
                name = candidate
            }
        }
    }

    func progress(activity: String) -> ActivityProgress {
        ActivityProgress(activity: activity, name: name?.text, attempted: count > 0, completed: completed,
                         passed: passed, failed: failed, bestScaledScore: bestScaled,
                         lastActivity: latest?.text, statementCount: count)
    }

    private static func isBefore(_ a: (moment: Moment?, text: String), _ b: (moment: Moment?, text: String)) -> Bool {
        switch (a.moment, b.moment) {
        case (nil, nil): return a.text < b.text
        case (nil, _): return true
        case (_, nil): return false
        case let (ma?, mb?): return ma < mb || (ma == mb && a.text < b.text)
        }
    }

    private static func scaledScore(_ score: JSONValue?) -> Double? {
        guard let score else { return nil }
        if let scaled = score["scaled"]?.doubleValue { return scaled }
        guard let raw = score["raw"]?.doubleValue, let min = score["min"]?.doubleValue,
              let max = score["max"]?.doubleValue, max > min, (min...max).contains(raw)
        else { return nil }
        return (raw - min) / (max - min)
    }

    private static func name(of activity: JSONValue) -> String? {
        guard case .object(let names) = activity["definition"]?["name"],
              let key = StatementFormat.preferredLanguageKey(in: names, for: ["en-US", "en"])
        else { return nil }
        return names[key]?.stringValue
    }
}
