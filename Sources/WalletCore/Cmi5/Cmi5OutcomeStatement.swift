import Basics
import Crypto
import Foundation

/// What makes a cmi5 result count for a learning outcome. cmi5 has the LMS give each AU an
/// activity id of its own (8.1.5), so the AU's `passed` names that generated id, not the learning
/// outcome; the catalog's outcomes (whose ids are xAPI activity ids) and the repository's
/// issuance rule read statements about the outcome. When an AU whose publisher id is an outcome
/// id reports passed, completed or failed, walletd records the same result about the outcome
/// itself, as the learner's own statement that points at the AU's (`context.statement`). It goes
/// through the normal insert, so kept progress counts it and it syncs like any statement; whether
/// it achieves anything is still the catalog's rule (a supervised outcome wants an assessor).
///
/// ```swift
/// if let outcome = Cmi5OutcomeStatement.make(for: auStatement, launch: launch) { batch.append(outcome) }
/// ```
public enum Cmi5OutcomeStatement {
    static let verbs: Set<String> = [Cmi5.Verb.passed, Cmi5.Verb.completed, Cmi5.Verb.failed]

    /// The outcome statement for an AU's statement, or nil when the statement is not a result of
    /// the launched AU. Its id is derived from the AU statement's id, so a re-sent batch makes
    /// the same statement again (stored once).
    public static func make(for statement: JSONValue, launch: Cmi5Launch) -> JSONValue? {
        guard let verb = statement["verb"]?["id"]?.stringValue, verbs.contains(verb),
              statement["object"]?["id"]?.stringValue == launch.activityID,
              let sourceID = statement["id"]?.stringValue?.lowercased(), let actor = statement["actor"]
        else { return nil }
        var fields: [String: JSONValue] = [
            "id": .string(derivedID(sourceID)),
            "actor": actor,
            "verb": statement["verb"] ?? .null,
            "object": ["objectType": "Activity", "id": .string(launch.unit.id)],
            "context": [
                "registration": .string(launch.registration),
                "statement": ["objectType": "StatementRef", "id": .string(sourceID)],
                "contextActivities": ["grouping": [["objectType": "Activity", "id": .string(launch.activityID)]]],
            ],
        ]
        if let result = statement["result"] { fields["result"] = result }
        if let timestamp = statement["timestamp"] { fields["timestamp"] = timestamp }
        return .object(fields)
    }

    /// A version-8 UUID from SHA-256 of the AU statement's id (RFC 9562 §5.8).
    static func derivedID(_ sourceID: String) -> String {
        Cmi5StatementID.derived("cmi5-outcome:" + sourceID)
    }
}
