import Basics
import Credentials
import Foundation
import Testing
import TestSupport
@testable import RepositoryCore
import SyncEngine

/// The hub reads a pushed statement that may be an achievement only as far as the decision needs
/// (`CourseEvidence.achievementProjection`, `JSONValue.parse(_:keeping:)`). These tests hold that
/// reading to the whole parse it replaced, on well-formed, odd and hostile statements: the same
/// activity or none, and the same refusal of text the full reader refuses.
@Suite("Achievement decision, projected")
struct AchievementProjectionTests {
    /// What `achievedActivity` answered when it parsed the whole statement.
    static func fullDecision(_ text: String) -> String? {
        guard UTF8Search.containsAny(SQLiteRepositoryStore.achievementMarkers, in: text),
              let value = try? JSONValue(data: Data(text.utf8)), CourseEvidence.isAchievement(value),
              let object = value["object"]
        else { return nil }
        return XAPI.activityID(of: object)
    }

    /// The decision without the byte search, read both ways: (parsed at all, achievement, activity).
    static func unfiltered(_ value: JSONValue?) -> (Bool, Bool, String?) {
        guard let value else { return (false, false, nil) }
        return (true, CourseEvidence.isAchievement(value), value["object"].flatMap(XAPI.activityID(of:)))
    }

    /// Returns the full reading's (parsed, activity), so a run can show it met both kinds.
    @discardableResult
    static func expectAgreement(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> (Bool, String?) {
        let projected = SQLiteRepositoryStore.achievedActivity(WireStatement(id: "x", json: text))
        let full = fullDecision(text)
        #expect(projected == full, "projected \(projected ?? "nil"), full \(full ?? "nil"): \(text.prefix(400))", sourceLocation: sourceLocation)
        let a = unfiltered(try? JSONValue.parse(text, keeping: CourseEvidence.achievementProjection))
        let b = unfiltered(try? JSONValue(data: Data(text.utf8)))
        #expect(a == b, "unfiltered: projected \(a), full \(b): \(text.prefix(400))", sourceLocation: sourceLocation)
        return (b.0, full)
    }

    static let verbs = ["passed", "completed", "failed", "experienced", "voided", "Passed"].map { "http://adlnet.gov/expapi/verbs/" + $0 }
    static let scalars = [#"true"#, #"false"#, #"null"#, #"1"#, #""true""#, #"[]"#, #"{}"#, #"[true]"#, #"{"success":true}"#]

    /// A random member value in JSON text, sometimes nested, sometimes not what the field should be.
    static func junk(_ random: inout SplitMix, depth: Int = 0) -> String {
        switch random.int(0...6) {
        case 0 where depth < 4: return "[" + (0..<random.int(0...3)).map { _ in junk(&random, depth: depth + 1) }.joined(separator: ",") + "]"
        case 1 where depth < 4:
            let keys = random.subset(["verb", "id", "success", "completion", "result", "object", "objectType", "k"])
            return "{" + keys.map { "\"\($0)\":" + junk(&random, depth: depth + 1) }.joined(separator: ",") + "}"
        case 2: return "\"" + random.pick(["https://x.eu/a", "verbs/passed", "\\u00e9t\\u00e9", "Activity", "é"]) + "\""
        case 3: return random.pick(["1e5", "-0.5", "12345678901234567890", "0"])
        default: return random.pick(scalars)
        }
    }

    static func member(_ random: inout SplitMix, _ field: String, _ value: String) -> String { "\"\(field)\":\(value)" }

    /// A statement of random shape: the fields the decision reads, valid or not, among others.
    static func statement(_ random: inout SplitMix) -> String {
        var members = [#""id":"0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90""#, #""stored":"2026-11-22T09:00:01.000Z""#]
        if random.chance(0.9) {
            let verb = random.chance(0.8) ? "{\"id\":\"\(random.pick(verbs))\",\"display\":{\"en\":\"x\"}}" : junk(&random)
            members.append(member(&random, "verb", verb))
        }
        if random.chance(0.7) {
            var result: [String] = []
            if random.chance(0.6) { result.append(member(&random, "success", random.pick(scalars))) }
            if random.chance(0.6) { result.append(member(&random, "completion", random.pick(scalars))) }
            if random.chance(0.3) { result.append(member(&random, "extensions", junk(&random))) }
            members.append(member(&random, "result", random.chance(0.9) ? "{" + random.shuffled(result).joined(separator: ",") + "}" : junk(&random)))
        }
        if random.chance(0.9) {
            var object: [String] = []
            if random.chance(0.8) { object.append(member(&random, "id", random.chance(0.8) ? "\"https://vet.example.eu/lo/\(random.int(0...9))\"" : junk(&random))) }
            if random.chance(0.6) { object.append(member(&random, "objectType", random.pick([#""Activity""#, #""Agent""#, #""StatementRef""#, "null", "7"]))) }
            if random.chance(0.4) { object.append(member(&random, "definition", junk(&random))) }
            members.append(member(&random, "object", random.chance(0.9) ? "{" + random.shuffled(object).joined(separator: ",") + "}" : junk(&random)))
        }
        if random.chance(0.5) {
            members.append(member(&random, "actor", #"{"account":{"homePage":"https://learner-wallet.invalid/learners","name":"ana"}}"#))
        }
        if random.chance(0.5) { members.append(member(&random, "context", junk(&random))) }
        return "{" + random.shuffled(members).joined(separator: random.pick([",", " , ", ",\n"])) + "}"
    }

    /// Breaks a statement the way a hostile or damaged PC might.
    static func hostile(_ text: String, _ random: inout SplitMix) -> String {
        var bytes = Array(text.utf8)
        switch random.int(0...9) {
        case 0: // a key repeated, at some level
            let dup = random.pick([#""verb":{"id":"x"}"#, #""id":"y""#, #""success":true"#, #""objectType":"Activity""#])
            if let brace = bytes.indices.filter({ bytes[$0] == UInt8(ascii: "{") }).randomElement(using: &random) {
                bytes.insert(contentsOf: Array((dup + ",").utf8), at: brace + 1)
                bytes.insert(contentsOf: Array((dup + ",").utf8), at: brace + 1)
            }
        case 1: bytes = Array(bytes.prefix(random.int(0...bytes.count))) // truncated
        case 2: bytes += Array(random.pick([" x", ",", "}", " {}"]).utf8) // trailing text
        case 3 where !bytes.isEmpty: bytes[random.int(0...bytes.count - 1)] = random.pick([0x00, 0x22, 0x5C, 0xFF, 0x7D, 0x5D, 0x3A])
        case 4: // a number past Double's range somewhere
            if let colon = bytes.indices.filter({ bytes[$0] == UInt8(ascii: ":") }).randomElement(using: &random) {
                bytes.insert(contentsOf: Array("1e999,\"z\":".utf8), at: colon + 1)
            }
        case 5: // nesting past the limit inside a skipped member
            let deep = String(repeating: "[", count: JSONValue.maxNestingDepth + 2) + String(repeating: "]", count: JSONValue.maxNestingDepth + 2)
            bytes.insert(contentsOf: Array("\"deep\":\(deep),".utf8), at: 1)
        case 6: // keys spelt with escapes (the same key to a JSON reader)
            let escaped = text.replacingOccurrences(of: "\"verb\"", with: "\"ver\\u0062\"").replacingOccurrences(of: "\"success\"", with: "\"succ\\u0065ss\"")
            bytes = Array(escaped.utf8)
        case 7: // an escaped key repeating a plain one
            bytes.insert(contentsOf: Array(#""ver\u0062":{"id":"http://adlnet.gov/expapi/verbs/passed"},"#.utf8), at: min(1, bytes.count))
        case 8: // a lone surrogate in a string
            bytes.insert(contentsOf: Array(#""note":"\ud800","#.utf8), at: min(1, bytes.count))
        default: // a non-object document
            bytes = Array(random.pick(["[]", "\"passed\"", "null", "", "{\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/passed\"}}"]).utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func theProjectedDecisionIsTheFullOne(seed: UInt64) {
        var random = SplitMix(seed: seed)
        var achieved = 0, refused = 0
        for _ in 0..<1_500 {
            let text = Self.statement(&random)
            if Self.expectAgreement(text).1 != nil { achieved += 1 }
            if !Self.expectAgreement(Self.hostile(text, &random)).0 { refused += 1 }
        }
        // The cases reach both answers and the refusals, not only "no achievement".
        #expect(achieved > 150 && refused > 300, "achievements \(achieved), refused \(refused)")
    }

    @Test func theShapesAPCStoresAgree() {
        for n in 0..<200 {
            let (verb, result, _) = PushParseCostTests.shapes[n % PushParseCostTests.shapes.count]
            Self.expectAgreement(PushParseCostTests.statement(n, verb: verb, result: result).json)
        }
    }

    @Test func theProjectionKeepsOnlyWhatItNames() throws {
        let text = #"{"verb":{"id":"v","display":{"en":"x"}},"actor":{"name":"a"},"object":"o","result":{"success":true,"score":{"raw":1}}}"#
        let value = try JSONValue.parse(text, keeping: CourseEvidence.achievementProjection)
        #expect(value == ["verb": ["id": "v"], "object": "o", "result": ["success": true]])
    }
}
