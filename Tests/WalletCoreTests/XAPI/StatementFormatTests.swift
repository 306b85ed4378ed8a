import Testing
import WalletAPI
import Catalog
import Basics
@testable import WalletCore

@Suite("StatementFormat")
struct StatementFormatTests {
    let ana: JSONValue = ["objectType": "Agent", "name": "Ana", "mbox": "mailto:ana@example.org"]
    let names: JSONValue = ["en-US": "Wiring", "en-GB": "Wiring (UK)", "de-DE": "Verdrahtung", "fr": "Câblage"]

    var statement: JSONValue {
        [
            "id": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
            "actor": ana,
            "verb": ["id": "http://adlnet.gov/expapi/verbs/answered", "display": ["en-US": "answered", "de-DE": "beantwortet"]],
            "object": [
                "objectType": "Activity", "id": "https://courses.example/q/1",
                "definition": [
                    "name": names, "description": ["en-US": "Pick one", "de-DE": "Wähle eins"],
                    "type": "http://adlnet.gov/expapi/activities/cmi.interaction", "interactionType": "choice",
                    "correctResponsesPattern": ["a"],
                    "choices": [["id": "a", "description": ["en-US": "Red", "de-DE": "Rot"]],
                                ["id": "b", "description": ["en-US": "Blue", "de-DE": "Blau"]]],
                    "extensions": ["https://x.example/ext": ["en-US": "not a language map to us"]],
                ],
            ],
            "result": ["response": "a", "success": true],
            "context": [
                "registration": "11111111-2222-4333-8444-555555555555",
                "instructor": ["name": "Tom", "mbox": "mailto:tom@example.org"],
                "team": ["objectType": "Group", "name": "Night class", "member": [ana, ["name": "Ben", "openid": "https://id.example/ben"]]],
                "contextActivities": ["parent": [["objectType": "Activity", "id": "https://courses.example/c/1",
                                                  "definition": ["name": ["en-US": "Course", "de-DE": "Kurs"]]]],
                                      "grouping": ["id": "https://courses.example/program", "definition": ["name": ["en-US": "Program"]]]],
                "contextAgents": [["objectType": "contextAgent", "agent": ["name": "Assessor", "mbox": "mailto:as@example.org"],
                                   "relevantTypes": ["https://x.example/assessor"]]],
                "contextGroups": [["objectType": "contextGroup",
                                   "group": ["objectType": "Group", "name": "Cohort", "account": ["homePage": "https://lms.example", "name": "c7"],
                                             "member": [ana]],
                                   "relevantTypes": ["https://x.example/cohort"]]],
                "statement": ["objectType": "StatementRef", "id": "99999999-aaaa-4bbb-8ccc-dddddddddddd"],
                "platform": "Wallet",
            ],
            "authority": ["objectType": "Group", "member": [["name": "App", "account": ["homePage": "https://app.example", "name": "app"]],
                                                            ["name": "Ana", "mbox": "mailto:ana@example.org"]]],
            "attachments": [["usageType": "http://id.tincanapi.com/attachment/certificate",
                             "display": ["en-US": "Certificate", "de-DE": "Zertifikat"],
                             "description": ["en-US": "The PDF"], "contentType": "application/pdf", "length": 10, "sha2": "ab"]],
            "timestamp": "2026-11-22T09:15:03.123Z",
            "stored": "2026-11-22T09:15:04.000Z",
        ]
    }

    // MARK: exact

    @Test func exactChangesNothing() {
        #expect(StatementFormat.apply(.exact, to: statement, languages: ["de"]) == statement)
    }

    @Test func parsesTheParameter() {
        #expect(StatementFormat(rawValue: "ids") == .ids)
        #expect(StatementFormat(rawValue: "canonical") == .canonical)
        #expect(StatementFormat(rawValue: "Exact") == nil)
    }

    // MARK: ids

    @Test func idsReducesAgentsActivitiesAndVerbs() {
        let out = StatementFormat.apply(.ids, to: statement, languages: [])
        #expect(out["actor"] == ["objectType": "Agent", "mbox": "mailto:ana@example.org"])
        #expect(out["verb"] == ["id": "http://adlnet.gov/expapi/verbs/answered"])
        #expect(out["object"] == ["id": "https://courses.example/q/1"])
        let context = out["context"]
        #expect(context?["instructor"] == ["mbox": "mailto:tom@example.org"])
        // An Anonymous Group is identified by its members.
        #expect(context?["team"] == ["objectType": "Group", "member": [["objectType": "Agent", "mbox": "mailto:ana@example.org"],
                                                                        ["openid": "https://id.example/ben"]]])
        #expect(context?["contextActivities"] == ["parent": [["id": "https://courses.example/c/1"]],
                                                  "grouping": ["id": "https://courses.example/program"]])
        #expect(context?["contextAgents"] == [["objectType": "contextAgent", "agent": ["mbox": "mailto:as@example.org"],
                                               "relevantTypes": ["https://x.example/assessor"]]])
        // An Identified Group keeps its identifier only.
        #expect(context?["contextGroups"]?.arrayValue?.first?["group"]
                == ["objectType": "Group", "account": ["homePage": "https://lms.example", "name": "c7"]])
        #expect(context?["statement"] == statement["context"]?["statement"])
        #expect(context?["registration"] == statement["context"]?["registration"])
        #expect(context?["platform"] == "Wallet")
        #expect(out["authority"] == ["objectType": "Group", "member": [["account": ["homePage": "https://app.example", "name": "app"]],
                                                                       ["mbox": "mailto:ana@example.org"]]])
    }

    @Test func idsKeepsEverythingThatIsNotAnAgentActivityOrVerb() {
        let out = StatementFormat.apply(.ids, to: statement, languages: [])
        for key in ["id", "result", "timestamp", "stored", "attachments"] {
            #expect(out[key] == statement[key], "\(key)")
        }
    }

    @Test func idsReachesIntoSubStatements() {
        let sub: JSONValue = ["objectType": "SubStatement", "actor": ana,
                              "verb": ["id": "http://x.example/will", "display": ["en-US": "will"]],
                              "object": ["objectType": "Activity", "id": "https://a.example", "definition": ["name": ["en": "A"]]],
                              "context": ["instructor": ana]]
        let out = StatementFormat.apply(.ids, to: statement.settingFields(["object": sub]), languages: [])
        #expect(out["object"] == ["objectType": "SubStatement", "actor": ["objectType": "Agent", "mbox": "mailto:ana@example.org"],
                                  "verb": ["id": "http://x.example/will"], "object": ["id": "https://a.example"],
                                  "context": ["instructor": ["objectType": "Agent", "mbox": "mailto:ana@example.org"]]])
    }

    @Test func idsKeepsAGroupObjectsIdentifierAndAStatementRefAsIs() {
        let group: JSONValue = ["objectType": "Group", "name": "G", "mbox_sha1sum": "abc", "member": [ana]]
        #expect(StatementFormat.apply(.ids, to: statement.settingFields(["object": group]), languages: [])["object"]
                == ["objectType": "Group", "mbox_sha1sum": "abc"])
        let ref: JSONValue = ["objectType": "StatementRef", "id": "99999999-aaaa-4bbb-8ccc-dddddddddddd"]
        #expect(StatementFormat.apply(.ids, to: statement.settingFields(["object": ref]), languages: [])["object"] == ref)
    }

    @Test func idsIsIdempotent() {
        var random = RandomStatements(seed: 41)
        for _ in 0..<200 {
            let once = StatementFormat.apply(.ids, to: random.statement(), languages: [])
            #expect(StatementFormat.apply(.ids, to: once, languages: []) == once)
        }
    }

    // MARK: canonical

    @Test func canonicalPicksOneLanguageEverywhere() {
        let out = StatementFormat.apply(.canonical, to: statement, languages: ["de-DE", "en"])
        #expect(out["verb"]?["display"] == ["de-DE": "beantwortet"])
        let definition = out["object"]?["definition"]
        #expect(definition?["name"] == ["de-DE": "Verdrahtung"])
        #expect(definition?["description"] == ["de-DE": "Wähle eins"])
        #expect(definition?["choices"] == [["id": "a", "description": ["de-DE": "Rot"]], ["id": "b", "description": ["de-DE": "Blau"]]])
        #expect(out["context"]?["contextActivities"]?["parent"]?.arrayValue?.first?["definition"]?["name"] == ["de-DE": "Kurs"])
        // The reader takes German first, English next: a map without German gives English.
        #expect(out["context"]?["contextActivities"]?["grouping"]?["definition"]?["name"] == ["en-US": "Program"])
        #expect(out["attachments"]?.arrayValue?.first?["display"] == ["de-DE": "Zertifikat"])
        #expect(out["attachments"]?.arrayValue?.first?["description"] == ["en-US": "The PDF"])
    }

    @Test func canonicalLeavesAgentsExtensionsAndTheRestAlone() {
        let out = StatementFormat.apply(.canonical, to: statement, languages: ["de"])
        for key in ["id", "actor", "result", "authority", "timestamp", "stored"] {
            #expect(out[key] == statement[key], "\(key)")
        }
        #expect(out["context"]?["team"] == statement["context"]?["team"])
        #expect(out["context"]?["contextAgents"] == statement["context"]?["contextAgents"])
        let definition = out["object"]?["definition"], original = statement["object"]?["definition"]
        for key in ["type", "interactionType", "correctResponsesPattern", "extensions"] {
            #expect(definition?[key] == original?[key], "\(key)")
        }
    }

    @Test func canonicalReachesIntoSubStatements() {
        let sub: JSONValue = ["objectType": "SubStatement", "actor": ana,
                              "verb": ["id": "http://x.example/will", "display": ["en-US": "will", "fr": "va"]],
                              "object": ["id": "https://a.example", "definition": ["name": names]]]
        let out = StatementFormat.apply(.canonical, to: statement.settingFields(["object": sub]), languages: ["fr-CA"])
        #expect(out["object"]?["verb"]?["display"] == ["fr": "va"])
        #expect(out["object"]?["object"]?["definition"]?["name"] == ["fr": "Câblage"])
        #expect(out["object"]?["actor"] == ana)
    }

    @Test func canonicalLeavesEveryLanguageMapWithOneEntry() {
        var random = RandomStatements(seed: 42)
        for _ in 0..<200 {
            let out = StatementFormat.apply(.canonical, to: random.statement(), languages: [random.pick(["de", "en-GB", "fr", "*"])])
            for map in [out["verb"]?["display"], out["object"]?["definition"]?["name"], out["object"]?["verb"]?["display"]] {
                if let map { #expect(map.objectValue?.count == 1) }
            }
        }
    }
}

@Suite("StatementFormat.preferredLanguageKey")
struct PreferredLanguageTests {
    let map: [String: JSONValue] = ["en-US": "a", "en-GB": "b", "de-DE": "c", "fr": "d", "zh-Hant-TW": "e"]

    @Test(arguments: [
        (["de-DE"], "de-DE"),
        (["DE-de"], "de-DE"),                 // tags are case-insensitive
        (["en-GB", "en-US"], "en-GB"),        // order is preference
        (["de"], "de-DE"),                    // a range takes more specific tags
        (["en"], "en-GB"),                    // … the first in code-point order when several fit
        (["es", "fr"], "fr"),                 // skip ranges with no match
        (["fr-CA"], "fr"),                    // lookup: drop subtags when nothing matches
        (["zh-Hant"], "zh-Hant-TW"),
        (["zh-Hant-HK"], "zh-Hant-TW"),
        (["es"], "de-DE"),                    // nothing fits: the first key
        ([], "de-DE"),
        (["*"], "de-DE"),
        (["es", "*"], "de-DE"),
        (["fr;q=0", "en-US"], "en-US"),       // refused
        (["  fr ; q=0.5 "], "fr"),            // tolerate a raw header element
        (["en-US-x-private"], "en-US"),
    ] as [([String], String)])
    func picks(languages: [String], expected: String) {
        #expect(StatementFormat.preferredLanguageKey(in: map, for: languages) == expected)
    }

    @Test func emptyMapHasNoKey() {
        #expect(StatementFormat.preferredLanguageKey(in: [:], for: ["en"]) == nil)
    }

    @Test func exactMatchInLaterRangeBeatsTruncationOfEarlierOne() {
        // fr-CA has no match, en-US does: RFC 2616 order wins before any truncation.
        #expect(StatementFormat.preferredLanguageKey(in: ["fr": "x", "en-US": "y"], for: ["fr-CA", "en-US"]) == "en-US")
    }
}
