import Basics
import Foundation

/// One launch session of an AU for a learner in a registration (cmi5 8.1 and 9.6.3.1): what the
/// rules, the LMS's own statements and the launch URL are made from.
///
/// ```swift
/// let launch = Cmi5Launch(sessionID: UUID().uuidString.lowercased(), learnerID: ana.id,
///                         registration: registration, course: course, unit: au)
/// launch.actor          // {"objectType":"Agent","account":{…,"name": ana.id}}
/// launch.activityID     // generated, never au.id
/// ```
public struct Cmi5Launch: Sendable, Equatable {
    public var sessionID: String
    public var learnerID: String
    public var registration: String
    public var course: Cmi5Course
    public var unit: Cmi5AssignableUnit
    /// `Normal`: walletd launches for credit only (Browse and Review are for a later step).
    public var launchMode: String

    public init(sessionID: String, learnerID: String, registration: String, course: Cmi5Course, unit: Cmi5AssignableUnit, launchMode: String = "Normal") {
        self.sessionID = sessionID
        self.learnerID = learnerID
        self.registration = registration
        self.course = course
        self.unit = unit
        self.launchMode = launchMode
    }

    /// The learner as the wallet names them in statements (`XAPI.learnerAgent`), without the
    /// name: cmi5 8.1.3 asks for no personal data in the launch URL, and the account alone is
    /// the identity (two agents are the same when their account is).
    public var actor: JSONValue {
        ["objectType": "Agent", "account": ["homePage": .string(XAPI.learnerAccountHomePage), "name": .string(learnerID)]]
    }

    /// The launch's activityId: generated from the AU's publisher id (8.1.5).
    public var activityID: String { Cmi5ActivityIDs.unit(unit.id, course: course.id) }
    public var courseActivityID: String { Cmi5ActivityIDs.course(course.id) }

    /// The AU as a statement's object.
    public var unitObject: JSONValue {
        ["objectType": "Activity", "id": .string(activityID),
         "definition": ["type": "http://adlnet.gov/expapi/activities/lesson"]]
    }

    /// 10.2.1: the session id extension and the publisher id in `grouping` (9.6.2.3); the
    /// generated course activity joins the grouping so statements of every launch in the course
    /// can be found together (and the registration of a course found again, `WalletStore.cmi5Registration`).
    public var contextTemplate: JSONValue {
        ["contextActivities": ["grouping": [
            ["objectType": "Activity", "id": .string(unit.id)],
            ["objectType": "Activity", "id": .string(courseActivityID)],
         ]],
         "extensions": [Cmi5.Extension.sessionID: .string(sessionID)]]
    }

    /// The `LMS.LaunchData` State document (10.2). `returnURL` is where the AU sends the learner
    /// when it ends.
    public func launchData(returnURL: String?) -> JSONValue {
        var fields: [String: JSONValue] = [
            "contextTemplate": contextTemplate,
            "launchMode": .string(launchMode),
            "moveOn": .string(unit.moveOn.rawValue),
        ]
        if let mastery = unit.masteryScore { fields["masteryScore"] = .number(mastery) }
        if let returnURL { fields["returnURL"] = .string(returnURL) }
        if let parameters = unit.launchParameters { fields["launchParameters"] = .string(parameters) }
        if let key = unit.entitlementKey { fields["entitlementKey"] = ["courseStructure": .string(key)] }
        return .object(fields)
    }

    /// The query the AU's URL is launched with (8.1): endpoint, fetch, actor, registration,
    /// activityId, each percent-encoded, appended to `unitURL` (after its own query, if any).
    public func launchURL(unitURL: String, endpoint: String, fetch: String) -> String {
        let pairs: [(String, String)] = [
            ("endpoint", endpoint), ("fetch", fetch), ("actor", actor.encodedString),
            ("registration", registration), ("activityId", activityID),
        ]
        let query = pairs.map { "\($0)=\(Self.encode($1))" }.joined(separator: "&")
        return unitURL + (unitURL.contains("?") ? "&" : "?") + query
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters, so a value survives any
    /// query parser (`+`, `&`, `=`, `/` and `:` included).
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
