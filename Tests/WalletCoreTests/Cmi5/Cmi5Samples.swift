import Foundation
import Basics
@testable import WalletCore

/// A one-AU course and statements an AU would send for a launch of it.
enum Cmi5Samples {
    static let unit = Cmi5AssignableUnit(id: "https://example.org/forklift/au/checks", url: "index.html", moveOn: .completedAndPassed, masteryScore: 0.8)
    static let other = Cmi5AssignableUnit(id: "https://example.org/forklift/au/notes", url: "notes.html", moveOn: .notApplicable)
    static let course = Cmi5Course(id: "https://example.org/forklift", units: [unit])
    static let twoUnits = Cmi5Course(id: "https://example.org/forklift", units: [unit, other],
                                     blocks: [Cmi5Block(id: "https://example.org/forklift/block/1", unitIDs: [unit.id])])

    static func launch(learner: String = "aaaaaaaa-0000-4000-8000-000000000001", course: Cmi5Course = course) -> Cmi5Launch {
        Cmi5Launch(sessionID: UUID().uuidString.lowercased(), learnerID: learner, registration: UUID().uuidString.lowercased(),
                   course: course, unit: course.units[0])
    }

    /// A cmi5 defined statement of `verb` as the AU sends it: the launch's context template,
    /// the cmi5 category, the result 9.5 asks for.
    static func defined(_ verb: String, _ launch: Cmi5Launch, scaled: Double? = nil, id: String = UUID().uuidString.lowercased()) -> JSONValue {
        var categories: [JSONValue] = [["id": .string(Cmi5.cmi5Category)]]
        var result: [String: JSONValue] = [:]
        switch verb {
        case Cmi5.Verb.completed: result["completion"] = true
        case Cmi5.Verb.passed: result["success"] = true
        case Cmi5.Verb.failed: result["success"] = false
        default: break
        }
        if result["success"] != nil || result["completion"] != nil { categories.append(["id": .string(Cmi5.moveOnCategory)]) }
        if verb != Cmi5.Verb.initialized { result["duration"] = "PT30S" }
        if let scaled { result["score"] = ["scaled": .number(scaled)] }
        return statement(verb, launch, categories: categories, result: result.isEmpty ? nil : .object(result), id: id)
    }

    /// A "cmi5 allowed" statement: any verb, the context template, no cmi5 category.
    static func allowed(_ launch: Cmi5Launch, verb: String = "http://adlnet.gov/expapi/verbs/answered") -> JSONValue {
        statement(verb, launch, categories: [], result: nil, object: "https://example.org/forklift/question/1")
    }

    static func statement(_ verb: String, _ launch: Cmi5Launch, categories: [JSONValue], result: JSONValue?, object: String? = nil,
                          id: String = UUID().uuidString.lowercased()) -> JSONValue {
        var context = launch.contextTemplate.objectValue ?? [:]
        var activities = context["contextActivities"]?.objectValue ?? [:]
        if !categories.isEmpty { activities["category"] = .array(categories) }
        context["contextActivities"] = .object(activities)
        context["registration"] = .string(launch.registration)
        var fields: [String: JSONValue] = [
            "id": .string(id), "actor": launch.actor, "verb": ["id": .string(verb)],
            "object": ["objectType": "Activity", "id": .string(object ?? launch.activityID)],
            "context": .object(context), "timestamp": "2026-12-02T10:00:00Z",
        ]
        if let result { fields["result"] = result }
        return .object(fields)
    }
}
