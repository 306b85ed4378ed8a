import TestSupport
import Foundation
import Testing
import WalletAPI
import Basics
@testable import WalletCore

/// Property: a statement the generator builds from valid parts is valid, and stays valid (and
/// equal) after being written as JSON text and parsed again, as it is when stored and synced.
@Suite("Statement round-trip property")
struct StatementRoundTripPropertyTests {
    @Test("random valid statements stay valid after a JSON encode/decode round trip", arguments: [
        (XAPISpecVersion.v2_0_0, UInt64(0x5EED_0001)), (.v1_0_3, 0x5EED_0002), (.v2_0_0, 0xC0FFEE), (.v1_0_3, 0xBADC0DE),
    ])
    func roundTrip(_ version: XAPISpecVersion, _ seed: UInt64) throws {
        var generator = ValidStatementGenerator(seed: seed, version: version)
        for _ in 0..<250 {
            let statement = generator.statement()
            #expect(throws: Never.self, "generated: \(statement.encodedString)") {
                try StatementValidator.validate(statement, version: version)
            }
            let decoded = try JSONValue(data: statement.encoded())
            #expect(decoded == statement)
            #expect(throws: Never.self, "after round trip: \(decoded.encodedString)") {
                try StatementValidator.validate(decoded, version: version)
            }
        }
    }
}

/// A deterministic generator of valid statements, built from the grammar of each part.
/// TestSupport's SplitMix keeps it reproducible from a seed without touching system randomness.
struct ValidStatementGenerator {
    private var random: SplitMix
    let version: XAPISpecVersion

    init(seed: UInt64, version: XAPISpecVersion) {
        random = SplitMix(seed: seed)
        self.version = version
    }

    private mutating func next() -> UInt64 { random.next() }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    private mutating func word() -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return String((0..<int(1...10)).map { _ in pick(letters) })
    }

    private mutating func text() -> String {
        pick(["Quiz", "Welding safety", "Überprüfung", "学习", "a \"quoted\" name", "line\nbreak", "emoji 🎓", ""]) + " " + word()
    }

    private mutating func uuid() -> String {
        let hex = Array("0123456789abcdefABCDEF")
        return [8, 4, 4, 4, 12].map { count in String((0..<count).map { _ in pick(hex) }) }.joined(separator: "-")
    }

    private mutating func iri() -> String {
        pick(["https://example.org/", "http://adlnet.gov/expapi/activities/", "urn:x-wallet:", "https://例え.jp/"]) + word()
    }

    private mutating func languageTag() -> String {
        pick(["en", "en-US", "fr-CA", "de", "zh-Hant-TW", "es-419", "sr-Latn-RS", "x-local", "cmn", "de-CH-1996"])
    }

    private mutating func languageMap() -> JSONValue {
        var map: [String: JSONValue] = [:]
        for _ in 0..<int(1...3) { map[languageTag()] = .string(text()) }
        return .object(map)
    }

    private mutating func number() -> Double {
        pick([0, 1, -1, 0.5, 75, 1e-7, 123_456.789, Double(int(-1000...1000)) / 8])
    }

    private mutating func anyJSON(depth: Int = 0) -> JSONValue {
        switch int(0...(depth > 2 ? 3 : 5)) {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2: return .number(number())
        case 3: return .string(text())
        case 4: return .array((0..<int(0...3)).map { _ in anyJSON(depth: depth + 1) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<int(0...3) { object[word()] = anyJSON(depth: depth + 1) }
            return .object(object)
        }
    }

    private mutating func extensions() -> JSONValue {
        var map: [String: JSONValue] = [:]
        for _ in 0..<int(0...3) { map[iri()] = anyJSON() }
        return .object(map)
    }

    private mutating func timestamp() -> String {
        let zone = pick(["Z", "+00:00", "+05:30", "-08:00", "z", ""])
        let fraction = pick(["", ".5", ".804", ".123456"])
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", int(1970...2100), int(1...12), int(1...28), int(0...23),
                      int(0...59), int(0...59)) + fraction + zone
    }

    private mutating func duration() -> String {
        pick(["PT1H0M0S", "P3Y1M29DT4H35M59.14S", "P4W", "PT16559.14S", "P1D", "PT0.5S", "P2M", "PT\(int(1...500))S"])
    }

    mutating func agent(objectType required: Bool = false) -> JSONValue {
        var agent: [String: JSONValue] = [:]
        if required || chance(50) { agent["objectType"] = "Agent" }
        if chance(60) { agent["name"] = .string(text()) }
        switch int(0...3) {
        case 0: agent["mbox"] = .string("mailto:\(word())@example.org")
        case 1: agent["mbox_sha1sum"] = .string(String((0..<40).map { _ in pick(Array("0123456789abcdef")) }))
        case 2: agent["openid"] = .string(iri())
        default: agent["account"] = ["homePage": .string(iri()), "name": .string(word())]
        }
        return .object(agent)
    }

    mutating func group() -> JSONValue {
        var group: [String: JSONValue] = ["objectType": "Group"]
        if chance(50) { group["name"] = .string(text()) }
        let identified = chance(50)
        if identified { group["mbox"] = .string("mailto:\(word())@example.org") }
        if !identified || chance(50) {
            group["member"] = .array((0..<int(1...3)).map { _ in agent() })
        }
        return .object(group)
    }

    private mutating func actor() -> JSONValue { chance(75) ? agent() : group() }

    private mutating func activity(objectType: Bool) -> JSONValue {
        var activity: [String: JSONValue] = ["id": .string(iri())]
        if objectType { activity["objectType"] = "Activity" }
        if chance(60) {
            var definition: [String: JSONValue] = [:]
            if chance(70) { definition["name"] = languageMap() }
            if chance(50) { definition["description"] = languageMap() }
            if chance(50) { definition["type"] = .string(iri()) }
            if chance(30) { definition["moreInfo"] = .string(iri()) }
            if chance(30) { definition["extensions"] = extensions() }
            if chance(40) {
                let (type, lists) = pick([
                    ("true-false", []), ("choice", ["choices"]), ("fill-in", []), ("matching", ["source", "target"]),
                    ("performance", ["steps"]), ("sequencing", ["choices"]), ("likert", ["scale"]), ("numeric", []),
                    ("other", []), ("long-fill-in", []),
                ] as [(String, [String])])
                definition["interactionType"] = .string(type)
                if chance(70) { definition["correctResponsesPattern"] = .array((0..<int(0...2)).map { _ in .string(word()) }) }
                for list in lists where chance(80) {
                    definition[list] = .array((0..<int(0...4)).map { index in
                        chance(50) ? ["id": .string("c\(index)")] : ["id": .string("c\(index)"), "description": languageMap()]
                    })
                }
            }
            activity["definition"] = .object(definition)
        }
        return .object(activity)
    }

    private mutating func statementRef() -> JSONValue { ["objectType": "StatementRef", "id": .string(uuid())] }

    private mutating func result() -> JSONValue {
        var result: [String: JSONValue] = [:]
        if chance(60) {
            var score: [String: JSONValue] = [:]
            let min = Double(int(-10...10)), max = min + Double(int(1...100))
            if chance(70) { score["scaled"] = .number(Double(int(-100...100)) / 100) }
            if chance(60) { score["raw"] = .number(min + (max - min) / 2) }
            if chance(60) { score["min"] = .number(min) }
            if chance(60) { score["max"] = .number(max) }
            result["score"] = .object(score)
        }
        if chance(50) { result["success"] = .bool(chance(50)) }
        if chance(50) { result["completion"] = .bool(chance(50)) }
        if chance(40) { result["response"] = .string(text()) }
        if chance(50) { result["duration"] = .string(duration()) }
        if chance(30) { result["extensions"] = extensions() }
        return .object(result)
    }

    private mutating func context(objectIsActivity: Bool) -> JSONValue {
        var context: [String: JSONValue] = [:]
        if chance(50) { context["registration"] = .string(uuid()) }
        if chance(30) { context["instructor"] = actor() }
        if chance(30) { context["team"] = group() }
        if chance(50) {
            var activities: [String: JSONValue] = [:]
            for kind in ["parent", "grouping", "category", "other"] where chance(50) {
                activities[kind] = chance(30)
                    ? activity(objectType: chance(50))
                    : .array((0..<int(0...2)).map { _ in activity(objectType: chance(50)) })
            }
            context["contextActivities"] = .object(activities)
        }
        if objectIsActivity, chance(30) { context["revision"] = .string(word()) }
        if objectIsActivity, chance(30) { context["platform"] = .string(text()) }
        if chance(40) { context["language"] = .string(languageTag()) }
        if chance(30) { context["statement"] = statementRef() }
        if chance(30) { context["extensions"] = extensions() }
        if version == .v2_0_0, chance(40) {
            context["contextAgents"] = .array((0..<int(0...2)).map { _ in
                var entry: [String: JSONValue] = ["objectType": "contextAgent", "agent": agent()]
                if chance(60) { entry["relevantTypes"] = .array((0..<int(1...2)).map { _ in .string(iri()) }) }
                return .object(entry)
            })
        }
        if version == .v2_0_0, chance(40) {
            context["contextGroups"] = .array((0..<int(0...2)).map { _ in
                var entry: [String: JSONValue] = ["objectType": "contextGroup", "group": group()]
                if chance(60) { entry["relevantTypes"] = .array((0..<int(1...2)).map { _ in .string(iri()) }) }
                return .object(entry)
            })
        }
        return .object(context)
    }

    private mutating func attachments() -> JSONValue {
        .array((0..<int(1...2)).map { _ in
            var attachment: [String: JSONValue] = [
                "usageType": .string(iri()), "display": languageMap(),
                "contentType": .string(pick(["application/pdf", "image/png", "text/plain; charset=utf-8"])),
                "length": .number(Double(int(0...1_000_000))),
                "sha2": .string(String((0..<64).map { _ in pick(Array("0123456789abcdef")) })),
            ]
            if chance(50) { attachment["description"] = languageMap() }
            if chance(70) { attachment["fileUrl"] = .string(iri()) }
            return .object(attachment)
        })
    }

    /// The parts a Statement and a SubStatement share.
    private mutating func core(nested: Bool) -> [String: JSONValue] {
        var statement: [String: JSONValue] = ["actor": actor()]
        let voiding = !nested && chance(10)
        statement["verb"] = voiding
            ? ["id": "http://adlnet.gov/expapi/verbs/voided", "display": ["en-US": "voided"]]
            : (chance(70) ? ["id": .string(iri()), "display": languageMap()] : ["id": .string(iri())])
        let objectIsActivity: Bool
        switch voiding ? 3 : int(0...(nested ? 3 : 4)) {
        case 0, 1:
            statement["object"] = activity(objectType: chance(50))
            objectIsActivity = true
        case 2:
            statement["object"] = chance(50) ? agent(objectType: true) : group()
            objectIsActivity = false
        case 3:
            statement["object"] = statementRef()
            objectIsActivity = false
        default:
            var sub = core(nested: true)
            sub["objectType"] = "SubStatement"
            statement["object"] = .object(sub)
            objectIsActivity = false
        }
        if chance(50) { statement["result"] = result() }
        if chance(50) { statement["context"] = context(objectIsActivity: objectIsActivity) }
        if chance(50) { statement["timestamp"] = .string(timestamp()) }
        if chance(20) { statement["attachments"] = attachments() }
        return statement
    }

    mutating func statement() -> JSONValue {
        var statement = core(nested: false)
        if chance(60) { statement["id"] = .string(uuid()) }
        if chance(20) { statement["stored"] = .string(timestamp()) }
        if chance(20) {
            statement["authority"] = chance(70) ? agent() : ["objectType": "Group", "member": [agent(), agent()]]
        }
        if chance(20) {
            statement["version"] = .string(version == .v2_0_0 ? pick(["2.0.0", "1.0.0", "1.0.3"]) : pick(["1.0.0", "1.0.3", "1.0"]))
        }
        return .object(statement)
    }
}
