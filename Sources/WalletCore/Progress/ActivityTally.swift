import WalletAPI
import Basics

/// What a learner's statements about one Activity add up to: the one rule of an activity's
/// progress (`ProgressDerivation` documents it), shared by the derivation from scratch and by the
/// progress walletd keeps (`KeptProgress`), so the two cannot drift apart.
///
/// Adding is commutative and associative: every field is a count, an "or", or a maximum under a
/// total order (ties broken by value), so statements may be added in any order — written here,
/// pulled later, duplicates refused before they reach it — and give the same tally. Its stored
/// form (`StoredFields`) is its whole state: a tally read back and added to equals one never
/// stored.
///
/// ```swift
/// var tally = ActivityTally()
/// tally.add(statement, object: statement["object"]!)
/// let shown = tally.progress(activity: "https://courses.example/lo/1")
/// ```
public struct ActivityTally: Sendable, Equatable {
    public private(set) var count = 0
    public private(set) var completed = false
    public private(set) var passed = false
    public private(set) var failed = false
    public private(set) var bestScaled: Double?
    /// The latest `timestamp` (else `stored`), as the device wrote it.
    public private(set) var latest: String?
    /// The name from the latest statement that carries one, and that statement's moment.
    public private(set) var name: String?
    public private(set) var nameMoment: String?

    public init() {}

    /// Adds one statement whose Object is the Activity `object`.
    public mutating func add(_ statement: JSONValue, object: JSONValue) {
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

        let moment = statement["timestamp"]?.stringValue ?? statement["stored"]?.stringValue
        if let moment, latest.map({ Moment($0) < Moment(moment) }) ?? true { latest = moment }
        if let text = Self.name(of: object) {
            // Same tie-breaking as for time: the latest statement's name, then the greater text,
            // so the choice does not depend on statement order.
            if let current = name {
                if Self.isBefore((nameMoment.map(Moment.init), current), (moment.map(Moment.init), text)) {
                    name = text
                    nameMoment = moment
                }
            } else {
                name = text
                nameMoment = moment
            }
        }
    }

    public func progress(activity: String) -> ActivityProgress {
        ActivityProgress(activity: activity, name: name, attempted: count > 0, completed: completed,
                         passed: passed, failed: failed, bestScaledScore: bestScaled,
                         lastActivity: latest, statementCount: count)
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

extension ActivityTally {
    /// The tally's whole state as the columns of `activity_tally` keep it.
    public struct StoredFields: Sendable, Equatable {
        public var count: Int
        public var completed: Bool
        public var passed: Bool
        public var failed: Bool
        public var bestScaled: Double?
        public var latest: String?
        public var name: String?
        public var nameMoment: String?
    }

    public var stored: StoredFields {
        StoredFields(count: count, completed: completed, passed: passed, failed: failed, bestScaled: bestScaled,
                     latest: latest, name: name, nameMoment: nameMoment)
    }

    public init(stored: StoredFields) {
        count = stored.count
        completed = stored.completed
        passed = stored.passed
        failed = stored.failed
        bestScaled = stored.bestScaled
        latest = stored.latest
        name = stored.name
        nameMoment = stored.nameMoment
    }
}

/// When a statement happened, ordered so that the latest wins and ties resolve the same way
/// whatever order statements come in: readable times beat unreadable ones, then later beats
/// earlier, then the greater text wins.
struct Moment: Comparable {
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
