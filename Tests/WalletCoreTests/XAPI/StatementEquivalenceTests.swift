import Foundation
import Testing
import WalletAPI
import Catalog
import Basics
@testable import WalletCore

@Suite("StatementEquivalence")
struct StatementEquivalenceTests {
    let base: JSONValue = [
        "id": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
        "actor": ["objectType": "Agent", "name": "Ana", "mbox": "mailto:ana@example.org"],
        "verb": ["id": "http://adlnet.gov/expapi/verbs/passed", "display": ["en-US": "passed"]],
        "object": ["objectType": "Activity", "id": "https://courses.example/lo/1",
                   "definition": ["name": ["en-US": "Wiring"]]],
        "result": ["success": true, "score": ["scaled": 0.9, "raw": 9], "duration": "PT12M3.25S",
                   "extensions": ["https://x.example/ext": ["nested": [1, 2, 3]]]],
        "context": ["registration": "11111111-2222-4333-8444-555555555555", "language": "en-US",
                    "contextActivities": ["parent": [["id": "https://courses.example/c/1"]]]],
        "timestamp": "2026-11-22T09:15:03.123Z",
    ]

    func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        let forward = StatementEquivalence.isSame(a, as: b)
        #expect(forward == StatementEquivalence.isSame(b, as: a), "symmetry")
        return forward
    }

    func with(_ path: [String], _ value: JSONValue?, in statement: JSONValue) -> JSONValue {
        guard case .object(var fields) = statement, let head = path.first else { return value ?? .null }
        if path.count == 1 {
            fields[head] = value
        } else {
            fields[head] = with(Array(path.dropFirst()), value, in: fields[head] ?? [:])
        }
        return .object(fields)
    }

    // MARK: what the LRS assigns

    @Test func ignoresIDCaseAndAbsence() {
        #expect(same(base, with(["id"], "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE", in: base)))
        #expect(same(base, with(["id"], nil, in: base)))
        #expect(!same(base, with(["id"], "aaaaaaaa-bbbb-4ccc-8ddd-000000000000", in: base)))
    }

    @Test func ignoresAuthorityStoredAndVersion() {
        let stored = base.settingFields(["authority": ["mbox": "mailto:lrs@example.org"], "stored": "2026-11-22T09:20:00.000Z",
                                         "version": "2.0.0"])
        #expect(same(base, stored))
        #expect(same(stored.settingFields(["authority": ["mbox": "mailto:other@example.org"], "version": "1.0.3"]), stored))
    }

    @Test func timestampMissingOnEitherSideIsIgnored() {
        let noTimestamp = base.droppingFields("timestamp")
        #expect(same(noTimestamp, base.settingFields(["timestamp": "2030-01-01T00:00:00.000Z"])))
    }

    @Test func timestampsCompareAsPointsInTime() {
        #expect(same(base, with(["timestamp"], "2026-11-22T10:15:03.123+01:00", in: base)))
        #expect(same(base, with(["timestamp"], "2026-11-22T09:15:03.1234567Z", in: base)))   // truncated by an LRS
        #expect(same(with(["timestamp"], "2026-11-22T09:15:03.1236Z", in: base),
                     with(["timestamp"], "2026-11-22T09:15:03.124Z", in: base)))              // rounded by an LRS
        #expect(!same(base, with(["timestamp"], "2026-11-22T09:15:03.125Z", in: base)))
        #expect(!same(base, with(["timestamp"], "2026-11-22T09:15:03.123+01:00", in: base)))
        #expect(!same(base, with(["timestamp"], "yesterday", in: base)))
    }

    // MARK: other normalisations

    @Test func groupMemberOrderDoesNotMatterButMembershipDoes() {
        let a: JSONValue = ["mbox": "mailto:a@example.org"], b: JSONValue = ["openid": "https://id.example/b"]
        let c: JSONValue = ["objectType": "Agent", "account": ["homePage": "https://h.example", "name": "c"]]
        let group1 = with(["actor"], ["objectType": "Group", "member": [a, b, c]], in: base)
        let group2 = with(["actor"], ["objectType": "Group", "member": [c, a, b]], in: base)
        #expect(same(group1, group2))
        #expect(!same(group1, with(["actor"], ["objectType": "Group", "member": [a, b]], in: base)))
        #expect(!same(with(["actor"], ["objectType": "Group", "member": [a, a, b]], in: base),
                      with(["actor"], ["objectType": "Group", "member": [a, b, b]], in: base)))
        let team1 = with(["context", "team"], ["objectType": "Group", "member": [a, b]], in: base)
        let team2 = with(["context", "team"], ["objectType": "Group", "member": [b, a]], in: base)
        #expect(same(team1, team2))
    }

    @Test func caseInsensitiveData() {
        #expect(same(base, with(["actor", "mbox"], "MAILTO:ana@EXAMPLE.org", in: base)))
        #expect(!same(base, with(["actor", "mbox"], "mailto:ANA@example.org", in: base)))
        #expect(same(base, with(["context", "registration"], .string("11111111-2222-4333-8444-555555555555".uppercased()), in: base)))
        #expect(same(base, with(["context", "language"], "EN-us", in: base)))
        let sha = with(["actor"], ["mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"], in: base)
        #expect(same(sha, with(["actor"], ["mbox_sha1sum": "EBD31E95054C018B10727CCFFD2EF2EC3A016EE9"], in: base)))
        let ref = with(["object"], ["objectType": "StatementRef", "id": "99999999-aaaa-4bbb-8ccc-dddddddddddd"], in: base)
        #expect(same(ref, with(["object", "id"], "99999999-AAAA-4BBB-8CCC-DDDDDDDDDDDD", in: ref)))
    }

    @Test func activityDefinitionsAndVerbDisplayAreNotPartOfTheStatement() {
        #expect(same(base, with(["object", "definition"], ["name": ["en-US": "Wiring (v2)"]], in: base)))
        #expect(same(base, with(["object", "definition"], nil, in: base)))
        #expect(same(base, with(["verb", "display"], ["de-DE": "bestanden"], in: base)))
        let parent = with(["context", "contextActivities", "parent"], [["id": "https://courses.example/c/1",
                                                                         "definition": ["name": ["en": "Course"]]]], in: base)
        #expect(same(base, parent))
    }

    @Test func defaultsMadeExplicitAreTheSame() {
        #expect(same(base, with(["actor", "objectType"], nil, in: base)))
        #expect(same(base, with(["object", "objectType"], nil, in: base)))
        // 1.0: a single context Activity; an LRS returns it as a one-element array.
        #expect(same(base, with(["context", "contextActivities", "parent"], ["id": "https://courses.example/c/1"], in: base)))
        let withAgents = with(["context", "contextAgents"], [["objectType": "contextAgent", "agent": ["mbox": "mailto:x@example.org"]]], in: base)
        #expect(same(withAgents, with(["context", "contextAgents"], [["agent": ["objectType": "Agent", "mbox": "mailto:x@example.org"]]], in: base)))
    }

    @Test func durationsCompareToHundredthsOfASecond() {
        #expect(same(base, with(["result", "duration"], "PT12M3.2567S", in: base)))
        #expect(!same(base, with(["result", "duration"], "PT12M3.26S", in: base)))
        #expect(!same(base, with(["result", "duration"], "PT723.25S", in: base)))  // same length, different text
    }

    @Test func numbersCompareNumerically() throws {
        let one = try JSONValue(data: Data(#"{"actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://x.example/v"},"object":{"id":"https://a.example"},"result":{"score":{"raw":1}}}"#.utf8))
        let onePointZero = try JSONValue(data: Data(#"{"actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://x.example/v"},"object":{"id":"https://a.example"},"result":{"score":{"raw":1.0e0}}}"#.utf8))
        #expect(same(one, onePointZero))
        #expect(!same(one, with(["result", "score", "raw"], 1.5, in: one)))
    }

    // MARK: real differences

    @Test(arguments: [
        (["verb", "id"], JSONValue.string("http://adlnet.gov/expapi/verbs/failed")),
        (["actor", "mbox"], "mailto:ben@example.org"),
        (["actor", "name"], "Ana López"),
        (["object", "id"], "https://courses.example/lo/2"),
        (["result", "success"], false),
        (["result", "score", "scaled"], 0.8),
        (["result", "extensions", "https://x.example/ext", "nested"], [1, 2]),
        (["result", "response"], "an answer"),
        (["context", "registration"], "11111111-2222-4333-8444-000000000000"),
        (["context", "platform"], "Moodle"),
        (["context", "contextActivities", "parent"], [["id": "https://courses.example/c/2"]]),
        (["attachments"], [["usageType": "http://id.tincanapi.com/attachment/certificate", "display": ["en-US": "Cert"],
                            "contentType": "application/pdf", "length": 10, "sha2": "abc"]]),
    ] as [([String], JSONValue)])
    func realDifferencesAreConflicts(path: [String], value: JSONValue) {
        #expect(!same(base, with(path, value, in: base)), "\(path)")
    }

    @Test func removingAnOptionalPartIsADifference() {
        #expect(!same(base, base.droppingFields("result")))
        #expect(!same(base, base.droppingFields("context")))
    }

    @Test func subStatementsAreComparedWithTheSameRules() {
        let sub: JSONValue = ["objectType": "SubStatement",
                              "actor": ["objectType": "Group", "member": [["mbox": "mailto:a@example.org"], ["mbox": "mailto:b@example.org"]]],
                              "verb": ["id": "http://x.example/will", "display": ["en-US": "will"]],
                              "object": ["id": "https://a.example", "definition": ["name": ["en-US": "A"]]],
                              "timestamp": "2026-11-22T09:00:00Z"]
        let a = with(["object"], sub, in: base)
        var b = with(["object", "actor", "member"], [["mbox": "mailto:b@example.org"], ["mbox": "mailto:a@EXAMPLE.org"]], in: a)
        b = with(["object", "verb", "display"], ["en-GB": "shall"], in: b)
        b = with(["object", "timestamp"], "2026-11-22T10:00:00.000+01:00", in: b)
        #expect(same(a, b))
        #expect(!same(a, with(["object", "timestamp"], "2026-11-22T09:00:01Z", in: a)))
        #expect(!same(a, with(["object", "timestamp"], nil, in: a)))
        #expect(!same(a, with(["object", "verb", "id"], "http://x.example/wont", in: a)))
    }

    @Test func nonObjectsCompareByValue() {
        #expect(StatementEquivalence.isSame("x", as: "x"))
        #expect(!StatementEquivalence.isSame("x", as: base))
    }

    // MARK: properties over random statements

    @Test func reflexive() {
        var random = RandomStatements(seed: 31)
        for _ in 0..<500 {
            let s = random.statement()
            #expect(StatementEquivalence.isSame(s, as: s))
        }
    }

    @Test func symmetricOnRandomPairsAndVariants() {
        var random = RandomStatements(seed: 32)
        for _ in 0..<300 {
            let a = random.statement()
            let b = random.bool() ? random.statement() : variant(of: a, random: &random)
            #expect(StatementEquivalence.isSame(a, as: b) == StatementEquivalence.isSame(b, as: a))
        }
    }

    @Test func differentRandomStatementsAreNotTheSame() {
        var random = RandomStatements(seed: 33)
        var conflicts = 0
        for _ in 0..<300 {
            let a = random.statement()
            var b = random.statement()
            b = b.settingFields(["id": a["id"] ?? .null])
            if !StatementEquivalence.isSame(a, as: b) { conflicts += 1 }
        }
        #expect(conflicts >= 295)  // two random statements can coincide, but almost never
    }

    @Test func ignoresMemberOrderAndStoreAssignedFieldsEverywhere() {
        var random = RandomStatements(seed: 34)
        for _ in 0..<500 {
            let a = random.statement()
            let b = variant(of: a, random: &random)
            #expect(StatementEquivalence.isSame(a, as: b), "\(a.encodedString)\n\(b.encodedString)")
        }
    }

    /// `statement` as another LRS might return it: members shuffled everywhere, id uppercased,
    /// store fields added.
    func variant(of statement: JSONValue, random: inout RandomStatements) -> JSONValue {
        var out = shuffleMembers(statement, random: &random)
        if let id = out["id"]?.stringValue { out = out.settingFields(["id": .string(id.uppercased())]) }
        return out.settingFields(["stored": "2026-01-01T00:00:00.000Z", "authority": ["mbox": "mailto:lrs@example.org"],
                                  "version": "2.0.0"])
    }

    func shuffleMembers(_ value: JSONValue, random: inout RandomStatements) -> JSONValue {
        switch value {
        case .object(let fields):
            var out: [String: JSONValue] = [:]
            for (key, child) in fields {
                if key == "member", let members = child.arrayValue {
                    out[key] = .array(random.shuffled(members).map { shuffleMembers($0, random: &random) })
                } else if key == "extensions" {
                    out[key] = child
                } else {
                    out[key] = shuffleMembers(child, random: &random)
                }
            }
            return .object(out)
        case .array(let items):
            return .array(items.map { shuffleMembers($0, random: &random) })
        default:
            return value
        }
    }
}
