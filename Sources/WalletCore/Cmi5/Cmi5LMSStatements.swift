import Basics
import Foundation

/// The statements walletd records as the LMS (cmi5 9.3.1, 9.3.6, 9.3.9): launched before each
/// launch, abandoned for a session that ended without terminated, satisfied for a block or course
/// whose AUs all met their moveOn. Each carries the launch's registration, session id, the cmi5
/// category and the publisher id grouping (9.6); they are stored through the store's normal
/// insert with `Cmi5.lmsAuthority`.
///
/// ```swift
/// let launched = Cmi5LMSStatements.launched(launch, launchURL: "http://127.0.0.1:8080/content/au/index.html", nowMs: now)
/// ```
public enum Cmi5LMSStatements {
    /// 9.3.1 with the launch extensions of 9.6.3.2–9.6.3.7.
    public static func launched(_ launch: Cmi5Launch, launchURL: String, nowMs: Int64) -> JSONValue {
        var extensions: [String: JSONValue] = [
            Cmi5.Extension.sessionID: .string(launch.sessionID),
            Cmi5.Extension.launchMode: .string(launch.launchMode),
            Cmi5.Extension.launchURL: .string(launchURL),
            Cmi5.Extension.moveOn: .string(launch.unit.moveOn.rawValue),
        ]
        if let mastery = launch.unit.masteryScore { extensions[Cmi5.Extension.masteryScore] = .number(mastery) }
        if let parameters = launch.unit.launchParameters { extensions[Cmi5.Extension.launchParameters] = .string(parameters) }
        return statement(launch, verb: Cmi5.Verb.launched, object: launch.unitObject, extensions: extensions, result: nil, nowMs: nowMs)
    }

    /// 9.3.6: `duration` is the time from launched to the session's last statement (9.5.4.2).
    ///
    /// Everything in it follows from the launch session alone (its id derived from the session
    /// id, its time the session's last statement), so a PC copied from another one's disk or
    /// restored from a backup that abandons the same session writes the very same statement.
    public static func abandoned(_ launch: Cmi5Launch, durationMs: Int64, lastMs: Int64) -> JSONValue {
        statement(launch, verb: Cmi5.Verb.abandoned, object: launch.unitObject, extensions: [:],
                  result: ["duration": .string(isoDuration(ms: durationMs))], nowMs: lastMs,
                  id: Cmi5StatementID.derived("cmi5-abandoned:" + launch.sessionID))
    }

    /// 9.3.9: the object is the generated block or course activity (9.4).
    public static func satisfied(_ launch: Cmi5Launch, objectID: String, isCourse: Bool, nowMs: Int64) -> JSONValue {
        let object: JSONValue = ["objectType": "Activity", "id": .string(objectID),
                                 "definition": ["type": .string(isCourse ? Cmi5.ActivityType.course : Cmi5.ActivityType.block)]]
        return statement(launch, verb: Cmi5.Verb.satisfied, object: object, extensions: [:], result: nil, nowMs: nowMs)
    }

    static func statement(_ launch: Cmi5Launch, verb: String, object: JSONValue, extensions: [String: JSONValue],
                          result: JSONValue?, nowMs: Int64, id: String? = nil) -> JSONValue {
        var context = launch.contextTemplate.objectValue ?? [:]
        var activities = context["contextActivities"]?.objectValue ?? [:]
        activities["category"] = [["objectType": "Activity", "id": .string(Cmi5.cmi5Category)]]
        context["contextActivities"] = .object(activities)
        var allExtensions = context["extensions"]?.objectValue ?? [:]
        allExtensions.merge(extensions) { _, new in new }
        context["extensions"] = .object(allExtensions)
        context["registration"] = .string(launch.registration)
        var fields: [String: JSONValue] = [
            "id": .string(id ?? UUID().uuidString.lowercased()),
            "actor": launch.actor,
            "verb": ["id": .string(verb), "display": ["en-US": .string(Cmi5.Verb.display(verb))]],
            "object": object,
            "context": .object(context),
            "timestamp": .string(Timestamp.format(millisecondsSince1970: nowMs)),
        ]
        if let result { fields["result"] = result }
        return .object(fields)
    }

    /// ISO 8601 duration with seconds to the hundredth (`PT75.25S`), the form xAPI readers compare.
    static func isoDuration(ms: Int64) -> String {
        let clamped = max(0, ms)
        let hundredths = clamped / 10
        let seconds = hundredths / 100, fraction = hundredths % 100
        return fraction == 0 ? "PT\(seconds)S" : "PT\(seconds).\(fraction < 10 ? "0" : "")\(fraction)S"
    }
}
