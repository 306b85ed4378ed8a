import WalletAPI
import Basics

/// Whether a statement sent again under an id already stored is "the same statement" (then the
/// store changes nothing and answers success) or a conflict (409).
///
/// xAPI (Data, "Statement Immutability" and "Statement Comparison Requirements"): differences
/// that an LRS could have caused must be ignored, every other difference counts. Ignored here:
///
/// - what the LRS assigns: `id` letter case (and an `id` absent on one side), `authority`,
///   `stored`, `version`, and `timestamp` when either side lacks it;
/// - serialization of time: timestamps compare as points in time, to the millisecond (an LRS may
///   change the time zone and truncate or round beyond milliseconds);
/// - the order of Group `member` lists, which xAPI defines as unordered;
/// - case in case-insensitive data: UUIDs (registration, StatementRef ids), the `mailto:` scheme
///   and e-mail domain, `mbox_sha1sum` and attachment `sha2` hex, language tags;
/// - Activity `definition` and Verb `display`: xAPI declares them not part of the statement (an
///   LRS may return its canonical version instead);
/// - defaults made explicit: `objectType` "Agent", "Activity", "contextAgent", "contextGroup";
///   a 1.0 single context Activity versus a one-element array;
/// - `result.duration` digits beyond hundredths of a second (an LRS may truncate them).
///
/// Everything else, extensions included, must be equal; numbers compare numerically
/// (`1` equals `1.0`).
///
/// ```swift
/// if let existing = try store.statement(id: id) {
///     guard StatementEquivalence.isSame(incoming, as: existing) else { throw StatementWriteError.conflict(id: id) }
///     return  // already stored: nothing changes
/// }
/// ```
public enum StatementEquivalence {
    /// True when `incoming` and `stored` are the same statement under the rules above. Reflexive
    /// and symmetric.
    public static func isSame(_ incoming: JSONValue, as stored: JSONValue) -> Bool {
        guard case .object(let a) = incoming, case .object(let b) = stored else { return incoming == stored }
        if let idA = a["id"], let idB = b["id"], lowercasedIfString(idA) != lowercasedIfString(idB) { return false }
        if let timeA = a["timestamp"], let timeB = b["timestamp"], !sameInstant(timeA, timeB) { return false }
        return ComparisonForm.statement(a, isSubStatement: false) == ComparisonForm.statement(b, isSubStatement: false)
    }

    /// Within a millisecond of each other; unparseable values compare as text.
    private static func sameInstant(_ a: JSONValue, _ b: JSONValue) -> Bool {
        guard let textA = a.stringValue, let textB = b.stringValue,
              let microsA = Timestamp.parseMicroseconds(textA, requireOffset: false),
              let microsB = Timestamp.parseMicroseconds(textB, requireOffset: false)
        else { return a == b }
        // One side may be truncated and the other rounded to milliseconds: less than 1 ms apart
        // could be either, 1 ms or more cannot.
        return abs(microsA - microsB) < 1000
    }
}

/// Rewrites a statement into a form where everything `StatementEquivalence` ignores is either
/// removed or spelled one way, so that plain `==` on the results decides.
private enum ComparisonForm {
    static func statement(_ fields: [String: JSONValue], isSubStatement: Bool) -> JSONValue {
        var out = fields
        if isSubStatement {
            // The LRS never assigns a SubStatement's timestamp, so only its spelling may differ;
            // milliseconds keep the tree comparable with plain equality.
            if let time = out["timestamp"] { out["timestamp"] = millisecondsIfTimestamp(time) }
        } else {
            // Compared (or ignored) by `isSame` itself.
            for key in ["id", "authority", "stored", "version", "timestamp"] { out[key] = nil }
        }
        if let actor = out["actor"] { out["actor"] = agent(actor) }
        if let verb = out["verb"] { out["verb"] = removing("display", from: verb) }
        if let object = out["object"] { out["object"] = self.object(object) }
        if let result = out["result"] { out["result"] = self.result(result) }
        if let context = out["context"] { out["context"] = self.context(context) }
        if let attachments = out["attachments"]?.arrayValue { out["attachments"] = .array(attachments.map(attachment)) }
        return .object(out)
    }

    private static func object(_ value: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        switch fields["objectType"]?.stringValue {
        case nil, "Activity":
            return activity(value)
        case "Agent", "Group":
            return agent(value)
        case "StatementRef":
            if let id = fields["id"] { fields["id"] = lowercasedIfString(id) }
            return .object(fields)
        case "SubStatement":
            return statement(fields, isSubStatement: true)
        default:
            return value
        }
    }

    private static func activity(_ value: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        if fields["objectType"] == nil { fields["objectType"] = "Activity" }
        fields["definition"] = nil
        return .object(fields)
    }

    private static func agent(_ value: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        if fields["objectType"] == nil { fields["objectType"] = "Agent" }
        if let mbox = fields["mbox"]?.stringValue { fields["mbox"] = .string(AgentIdentity.normalizedMbox(mbox)) }
        if let sha1 = fields["mbox_sha1sum"] { fields["mbox_sha1sum"] = lowercasedIfString(sha1) }
        if let members = fields["member"]?.arrayValue {
            // Sorting by the canonical JSON text of each normalized member makes order irrelevant
            // while keeping duplicates significant (a multiset comparison).
            let normalized = members.map(agent)
            let keyed = normalized.map { ($0.encodedString, $0) }.sorted { $0.0 < $1.0 }
            fields["member"] = .array(keyed.map(\.1))
        }
        return .object(fields)
    }

    private static func result(_ value: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        if let duration = fields["duration"]?.stringValue { fields["duration"] = .string(hundredthsDuration(duration)) }
        return .object(fields)
    }

    private static func context(_ value: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        if let registration = fields["registration"] { fields["registration"] = lowercasedIfString(registration) }
        if let language = fields["language"] { fields["language"] = lowercasedIfString(language) }
        if let instructor = fields["instructor"] { fields["instructor"] = agent(instructor) }
        if let team = fields["team"] { fields["team"] = agent(team) }
        if case .object(var statementRef) = fields["statement"] {
            if let id = statementRef["id"] { statementRef["id"] = lowercasedIfString(id) }
            fields["statement"] = .object(statementRef)
        }
        if case .object(var lists) = fields["contextActivities"] {
            for (key, list) in lists {
                lists[key] = .array((list.arrayValue ?? [list]).map(activity))
            }
            fields["contextActivities"] = .object(lists)
        }
        if let entries = fields["contextAgents"]?.arrayValue {
            fields["contextAgents"] = .array(entries.map { wrapper(of: "agent", in: $0, type: "contextAgent") })
        }
        if let entries = fields["contextGroups"]?.arrayValue {
            fields["contextGroups"] = .array(entries.map { wrapper(of: "group", in: $0, type: "contextGroup") })
        }
        return .object(fields)
    }

    /// A 2.0 contextAgent / contextGroup entry.
    private static func wrapper(of key: String, in value: JSONValue, type: String) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        if fields["objectType"] == nil { fields["objectType"] = .string(type) }
        if let inner = fields[key] { fields[key] = agent(inner) }
        return .object(fields)
    }

    private static func attachment(_ value: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        if let sha2 = fields["sha2"] { fields["sha2"] = lowercasedIfString(sha2) }
        for key in ["display", "description"] {
            if case .object(let map) = fields[key] {
                fields[key] = .object(Dictionary(map.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first }))
            }
        }
        return .object(fields)
    }

    private static func removing(_ key: String, from value: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        fields[key] = nil
        return .object(fields)
    }

    private static func millisecondsIfTimestamp(_ value: JSONValue) -> JSONValue {
        guard let text = value.stringValue,
              let micros = Timestamp.parseMicroseconds(text, requireOffset: false)
        else { return value }
        return .number(Double(Timestamp.floorDivision(micros, 1000).quotient))
    }

    /// `PT1.2345S` → `PT1.23S`: xAPI lets an LRS truncate durations to 0.01 s and says comparisons
    /// ignore the rest. Otherwise the duration compares as the string it is.
    private static func hundredthsDuration(_ duration: String) -> String {
        guard duration.hasSuffix("S"), let dot = duration.lastIndex(of: ".") else { return duration }
        let fraction = duration[duration.index(after: dot)..<duration.index(before: duration.endIndex)]
        guard fraction.count > 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return duration }
        return String(duration[...dot]) + fraction.prefix(2) + "S"
    }
}

private func lowercasedIfString(_ value: JSONValue) -> JSONValue {
    guard let text = value.stringValue else { return value }
    return .string(text.lowercased())
}
