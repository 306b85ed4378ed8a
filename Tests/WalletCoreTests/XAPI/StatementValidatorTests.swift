import Testing
import WalletAPI
import Catalog
import Basics
@testable import WalletCore

/// One statement the validator must refuse, and the property the error must point at.
struct InvalidStatementCase: Sendable, CustomTestStringConvertible {
    let name: String
    let version: XAPISpecVersion
    let statement: JSONValue
    let path: String

    init(_ name: String, _ version: XAPISpecVersion, _ statement: JSONValue, path: String) {
        self.name = name
        self.version = version
        self.statement = statement
        self.path = path
    }

    init(_ name: String, _ statement: JSONValue, path: String) {
        self.init(name, .v2_0_0, statement, path: path)
    }

    /// A change to the minimal statement.
    init(_ name: String, _ version: XAPISpecVersion, set key: String, to value: JSONValue?, path: String) {
        self.init(name, version, XAPIStatementSamples.minimal.setting(key, to: value), path: path)
    }

    init(_ name: String, set key: String, to value: JSONValue?, path: String) {
        self.init(name, .v2_0_0, set: key, to: value, path: path)
    }

    /// A change to the full statement.
    init(_ name: String, full key: String, to value: JSONValue?, path: String) {
        self.init(name, .v2_0_0, XAPIStatementSamples.full.setting(key, to: value), path: path)
    }

    var testDescription: String { name }
}

/// One statement the validator must accept.
struct ValidStatementCase: Sendable, CustomTestStringConvertible {
    let name: String
    let versions: [XAPISpecVersion]
    let statement: JSONValue

    init(_ name: String, _ versions: [XAPISpecVersion], _ statement: JSONValue) {
        self.name = name
        self.versions = versions
        self.statement = statement
    }

    /// Valid under both versions.
    init(_ name: String, _ statement: JSONValue) {
        self.init(name, [.v1_0_3, .v2_0_0], statement)
    }

    var testDescription: String { name }
}

@Suite("Statement validator")
struct StatementValidatorTests {
    typealias S = XAPIStatementSamples

    static let substatement: JSONValue = [
        "objectType": "SubStatement", "actor": S.agent, "verb": S.verb, "object": S.activity,
    ]

    static let invalid: [InvalidStatementCase] = [
        // Statement shape
        .init("statement that is not an object", ["not", "a", "statement"], path: ""),
        .init("missing actor", set: "actor", to: nil, path: "actor"),
        .init("missing verb", set: "verb", to: nil, path: "verb"),
        .init("missing object", set: "object", to: nil, path: "object"),
        .init("unknown top-level property", set: "score", to: 1, path: "score"),
        .init("key in the wrong case", set: "Timestamp", to: "2024-05-18T05:32:34Z", path: "Timestamp"),
        .init("null outside extensions", full: "result.response", to: .null, path: "result.response"),
        .init("statement id that is not a UUID", set: "id", to: "6690e6c9-3ef0-4ed3-8b37-7f3964730be", path: "id"),
        .init("statement id with a non-hex digit", set: "id", to: "MA97B177-9383-4934-8543-0F91A7A02836", path: "id"),
        // Agents and groups
        .init("agent with two identifiers", set: "actor.openid", to: "https://openid.example.org/ana", path: "actor"),
        .init("agent without identifier", set: "actor.mbox", to: nil, path: "actor"),
        .init("mbox without mailto:", set: "actor.mbox", to: "ana@example.org", path: "actor.mbox"),
        .init("mbox without an address", set: "actor.mbox", to: "mailto:example.org", path: "actor.mbox"),
        .init(
            "mbox_sha1sum that is not 40 hex digits",
            S.minimal.setting("actor.mbox", to: nil).setting("actor.mbox_sha1sum", to: "cd9b00a5611f94eaa7b1661edab976068e36497"),
            path: "actor.mbox_sha1sum"),
        .init(
            "openid without a scheme",
            S.minimal.setting("actor.mbox", to: nil).setting("actor.openid", to: "openid.example.org/ana"),
            path: "actor.openid"),
        .init(
            "account without homePage",
            S.minimal.setting("actor.mbox", to: nil).setting("actor.account", to: ["name": "ana"]),
            path: "actor.account.homePage"),
        .init(
            "account homePage that is not an IRL",
            S.minimal.setting("actor.mbox", to: nil).setting("actor.account", to: ["homePage": "lms", "name": "ana"]),
            path: "actor.account.homePage"),
        .init("actor objectType in the wrong case", set: "actor.objectType", to: "agent", path: "actor.objectType"),
        .init("agent name that is not a string", set: "actor.name", to: 7, path: "actor.name"),
        .init("anonymous group without member", set: "actor", to: ["objectType": "Group", "name": "Team"], path: "actor.member"),
        .init(
            "group inside a group",
            set: "actor", to: ["objectType": "Group", "member": [["objectType": "Group", "member": [S.agent]]]],
            path: "actor.member[0]"),
        .init(
            "group member without identifier",
            set: "actor", to: ["objectType": "Group", "member": [S.agent, ["name": "Nobody"]]],
            path: "actor.member[1]"),
        // Verb
        .init("verb id without a scheme", set: "verb.id", to: "completed", path: "verb.id"),
        .init("verb display with a malformed language tag", set: "verb.display.something", to: "besucht",
              path: "verb.display.something"),
        .init("verb display value that is not a string", set: "verb.display.en-US", to: 3, path: "verb.display.en-US"),
        // Objects
        .init("unknown objectType", set: "object.objectType", to: "Course", path: "object.objectType"),
        .init("activity id without a scheme", set: "object.id", to: "ab=c://should.fail.com", path: "object.id"),
        .init("activity definition name that is a string", set: "object.definition.name", to: "Quiz",
              path: "object.definition.name"),
        .init("activity moreInfo that is not an IRL", set: "object.definition.moreInfo", to: "info page",
              path: "object.definition.moreInfo"),
        .init("interactionType in the wrong case", full: "object.definition.interactionType", to: "Choice",
              path: "object.definition.interactionType"),
        .init("interaction properties without interactionType", full: "object.definition.interactionType", to: nil,
              path: "object.definition.correctResponsesPattern"),
        .init("repeated interaction component id", full: "object.definition.choices[1].id", to: "a",
              path: "object.definition.choices[1].id"),
        .init("component list the interactionType does not have", full: "object.definition.scale",
              to: [["id": "1"]], path: "object.definition.scale"),
        .init("correctResponsesPattern that holds a number", full: "object.definition.correctResponsesPattern",
              to: [1], path: "object.definition.correctResponsesPattern[0]"),
        .init("extension key that is not an IRI", full: "object.definition.extensions", to: ["difficulty": 3],
              path: "object.definition.extensions.difficulty"),
        .init(
            "extension key with spaces", full: "context.extensions", to: ["not an iri": 1],
            path: #"context.extensions["not an iri"]"#),
        .init(
            "StatementRef id that is not a UUID",
            set: "object", to: ["objectType": "StatementRef", "id": "statement-1"], path: "object.id"),
        .init("agent object without objectType", set: "object", to: ["mbox": "mailto:ben@example.org"], path: "object.mbox"),
        // SubStatements and voiding
        .init("SubStatement with id", set: "object", to: substatement.setting("id", to: "8f87ccde-bb56-4c2e-ab83-44982ef22df0"),
              path: "object.id"),
        .init("SubStatement with stored", set: "object", to: substatement.setting("stored", to: "2024-05-18T05:32:34Z"),
              path: "object.stored"),
        .init("SubStatement with version", set: "object", to: substatement.setting("version", to: "2.0.0"), path: "object.version"),
        .init("SubStatement with authority", set: "object", to: substatement.setting("authority", to: S.agent),
              path: "object.authority"),
        .init("SubStatement inside a SubStatement", set: "object", to: substatement.setting("object", to: substatement),
              path: "object.object.objectType"),
        .init("SubStatement without verb", set: "object", to: substatement.setting("verb", to: nil), path: "object.verb"),
        .init("voiding statement whose object is an Activity", set: "verb.id", to: "http://adlnet.gov/expapi/verbs/voided",
              path: "object.objectType"),
        // Result
        .init("scaled score above 1", full: "result.score.scaled", to: 1.5, path: "result.score.scaled"),
        .init("raw score above max", full: "result.score.raw", to: 101, path: "result.score.raw"),
        .init("raw score below min", full: "result.score.raw", to: -1, path: "result.score.raw"),
        .init("min not below max", full: "result.score.min", to: 100, path: "result.score.min"),
        .init("score that is a string", full: "result.score.raw", to: "75", path: "result.score.raw"),
        .init("success as a string", full: "result.success", to: "true", path: "result.success"),
        .init("duration without designator", full: "result.duration", to: "PT1H30", path: "result.duration"),
        .init("duration mixing weeks and days", full: "result.duration", to: "P4W1D", path: "result.duration"),
        .init("duration in the alternative format", full: "result.duration", to: "P0003-01-29T04:35:59",
              path: "result.duration"),
        // Context
        .init("registration that is not a UUID", full: "context.registration", to: "registration-1",
              path: "context.registration"),
        .init("team that is an Agent", full: "context.team", to: S.agent, path: "context.team.objectType"),
        .init("contextActivities with an unknown key", full: "context.contextActivities.sibling", to: [S.activity],
              path: "context.contextActivities.sibling"),
        .init("context activity id without a scheme", full: "context.contextActivities.parent[0].id", to: "welding",
              path: "context.contextActivities.parent[0].id"),
        .init("revision when the object is not an Activity", full: "object",
              to: ["objectType": "StatementRef", "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0"], path: "context.revision"),
        .init(
            "platform when the object is an Agent",
            S.minimal.setting("object", to: ["objectType": "Agent", "mbox": "mailto:ben@example.org"])
                .setting("context.platform", to: "LMS"),
            path: "context.platform"),
        .init("context language that is not a language tag", full: "context.language", to: "en_GB",
              path: "context.language"),
        .init("context statement without objectType", full: "context.statement.objectType", to: nil,
              path: "context.statement.objectType"),
        .init("contextAgents in a 1.0.3 statement", .v1_0_3, XAPIStatementSamples.full.setting("version", to: nil),
              path: "context.contextAgents"),
        .init("contextAgent with the wrong objectType", full: "context.contextAgents[0].objectType", to: "Agent",
              path: "context.contextAgents[0].objectType"),
        .init("contextAgent with an empty relevantTypes", full: "context.contextAgents[0].relevantTypes", to: [],
              path: "context.contextAgents[0].relevantTypes"),
        .init("contextAgent with a relevant type that is not an IRI", full: "context.contextAgents[0].relevantTypes[0]",
              to: "assessor", path: "context.contextAgents[0].relevantTypes[0]"),
        .init("contextGroup whose group is an Agent", full: "context.contextGroups[0].group", to: S.agent,
              path: "context.contextGroups[0].group.objectType"),
        // Timestamps and version
        .init("timestamp with a -00:00 offset", set: "timestamp", to: "2008-09-15T15:53:00.601-00:00", path: "timestamp"),
        .init("timestamp on February 30", set: "timestamp", to: "2023-02-30T10:00:00Z", path: "timestamp"),
        .init("timestamp without a time", set: "timestamp", to: "2023-02-03", path: "timestamp"),
        .init("stored that is not a timestamp", set: "stored", to: "yesterday", path: "stored"),
        .init("version 1.1.0", set: "version", to: "1.1.0", path: "version"),
        .init("version 2.0.0 in a 1.0.3 request", .v1_0_3, set: "version", to: "2.0.0", path: "version"),
        // Authority
        .init("authority that is an identified Group", set: "authority",
              to: ["objectType": "Group", "mbox": "mailto:team@example.org", "member": [S.agent, S.agent]], path: "authority"),
        .init("authority Group of three Agents", set: "authority",
              to: ["objectType": "Group", "member": [S.agent, S.agent, S.agent]], path: "authority"),
        // Attachments
        .init("attachments that is an object", set: "attachments", to: ["usageType": "https://example.org/u"],
              path: "attachments"),
        .init("attachment without usageType", full: "attachments[0].usageType", to: nil, path: "attachments[0].usageType"),
        .init("attachment without display", full: "attachments[0].display", to: nil, path: "attachments[0].display"),
        .init("attachment length with a fraction", full: "attachments[0].length", to: 12.5, path: "attachments[0].length"),
        .init("attachment contentType that is no media type", full: "attachments[0].contentType", to: "pdf",
              path: "attachments[0].contentType"),
        .init("attachment sha2 that is no hex digest", full: "attachments[0].sha2", to: "not-a-hash",
              path: "attachments[0].sha2"),
        .init("attachment fileUrl without a scheme", full: "attachments[0].fileUrl", to: "certificates/ana.pdf",
              path: "attachments[0].fileUrl"),
    ]

    @Test("refuses an invalid statement and points at the property at fault", arguments: invalid)
    func refuses(_ item: InvalidStatementCase) {
        #expect(throws: StatementValidationError.self) {
            try StatementValidator.validate(item.statement, version: item.version)
        }
        do {
            try StatementValidator.validate(item.statement, version: item.version)
        } catch {
            #expect(error.path == item.path, "\(error.message)")
            #expect(error.message.hasPrefix(item.path.isEmpty ? "statement: " : "\(item.path): "))
        }
    }

    static let valid: [ValidStatementCase] = [
        .init("minimal statement", S.minimal),
        .init("full statement with every property", [.v2_0_0], S.full),
        .init(
            "full statement, 1.0.3 shape",
            [.v1_0_3],
            S.full.setting("context.contextAgents", to: nil).setting("context.contextGroups", to: nil)
                .setting("version", to: "1.0.3")),
        .init(
            "identified group actor with members",
            S.minimal.setting(
                "actor",
                to: ["objectType": "Group", "name": "Team A", "account": ["homePage": "https://lms.example.org", "name": "team-a"],
                     "member": [S.agent, ["mbox_sha1sum": "cd9b00a5611f94eaa7b1661edab976068e364975"]]])),
        .init(
            "identified group without members",
            S.minimal.setting("actor", to: ["objectType": "Group", "openid": "https://openid.example.org/team-a"])),
        .init("anonymous group actor", S.minimal.setting("actor", to: ["objectType": "Group", "member": [S.agent]])),
        .init("SubStatement object", S.minimal.setting("object", to: substatement.setting("timestamp", to: "2031-11-22T07:52:00.523Z"))),
        .init(
            "voiding statement with a StatementRef, id in upper case",
            S.minimal.setting("verb.id", to: "http://adlnet.gov/expapi/verbs/voided")
                .setting("object", to: ["objectType": "StatementRef", "id": "8F87CCDE-BB56-4C2E-AB83-44982EF22DF0"])),
        .init(
            "agent object",
            S.minimal.setting("object", to: ["objectType": "Agent", "openid": "https://openid.example.org/ben"])),
        .init(
            "attachment with fileUrl and a charset",
            S.minimal.setting(
                "attachments",
                to: [["usageType": "http://adlnet.gov/expapi/attachments/signature", "display": ["en": "Signature"],
                      "contentType": "text/plain; charset=ascii", "length": 0,
                      "sha2": "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a",
                      "fileUrl": "https://example.org/s.txt"]])),
        .init(
            "2.0 contextAgents and contextGroups without relevantTypes",
            [.v2_0_0],
            S.minimal.setting(
                "context",
                to: ["contextAgents": [["objectType": "contextAgent", "agent": S.agent]],
                     "contextGroups": [["objectType": "contextGroup", "group": ["objectType": "Group", "mbox": "mailto:t@example.org"]]]])),
        .init(
            "extensions holding nulls, empty values and nested objects",
            S.minimal
                .setting("object.definition.extensions", to: ["https://example.org/a": .null, "urn:example:b": ""])
                .setting("result.extensions", to: ["https://example.org/c": ["deep": [nil, ["x": nil]]]])
                .setting("context.extensions", to: ["https://example.org/d": [:]])),
        .init(
            "every interaction type with its component lists",
            S.minimal.setting(
                "context.contextActivities.other",
                to: .array(
                    ([("true-false", nil), ("choice", "choices"), ("fill-in", nil), ("long-fill-in", nil),
                     ("matching", "source"), ("matching", "target"), ("performance", "steps"), ("sequencing", "choices"),
                     ("likert", "scale"), ("numeric", nil), ("other", nil)] as [(String, String?)]).enumerated().map { index, pair in
                        var definition: [String: JSONValue] = ["interactionType": .string(pair.0), "correctResponsesPattern": ["x"]]
                        if let list = pair.1 { definition[list] = [["id": "x", "description": ["en": "X"]], ["id": "y"]] }
                        return ["id": .string("https://example.org/q/\(index)"), "definition": .object(definition)]
                    }))),
        .init(
            "single context activity instead of an array",
            S.minimal.setting("context.contextActivities.parent", to: ["id": "https://example.org/course"])),
        .init(
            "language tags: script, region, variant, extension, private use, grandfathered",
            S.minimal.setting(
                "verb.display",
                to: ["zh-Hant-TW": "a", "es-419": "b", "de-CH-1996": "c", "en-US-x-twain": "d", "x-wallet": "e",
                     "i-klingon": "f", "sr-Latn-RS": "g", "en-a-bbb-x-a-ccc": "h", "cmn": "i", "EN-gb": "j"])),
        .init(
            "timestamps with offsets, fractions and leap days",
            S.minimal.setting("timestamp", to: "2024-02-29T23:59:59.123456789+05:30").setting("stored", to: "2024-05-18T05:32:34z")),
        .init("timestamp without a time zone", S.minimal.setting("timestamp", to: "2024-05-18T05:32:34.804")),
        .init("statement version 1.0.9", S.minimal.setting("version", to: "1.0.9")),
        .init("statement version 2.0.0", [.v2_0_0], S.minimal.setting("version", to: "2.0.0")),
        .init(
            "3-legged OAuth authority",
            S.minimal.setting(
                "authority",
                to: ["objectType": "Group",
                     "member": [["account": ["homePage": "https://lrs.example.org/oauth", "name": "app-key"]],
                                ["mbox": "mailto:ana@example.org"]]])),
    ]

    @Test("accepts a valid statement", arguments: valid)
    func accepts(_ item: ValidStatementCase) throws {
        for version in item.versions {
            try StatementValidator.validate(item.statement, version: version)
        }
    }

    @Test("error message joins path and reason")
    func message() {
        let error = StatementValidationError(path: "actor.mbox", reason: "must be a mailto: IRI")
        #expect(error.message == "actor.mbox: must be a mailto: IRI")
        #expect("\(error)" == error.message)
    }

    @Test("of several bad keys, the same one is reported every time")
    func deterministicReport() {
        let statement = S.minimal.setting("zeta", to: 1).setting("alpha", to: 2).setting("mu", to: 3)
        for _ in 0..<20 {
            #expect(throws: StatementValidationError(path: "alpha", reason: "is not a property the xAPI specification defines here")) {
                try StatementValidator.validate(statement, version: .v2_0_0)
            }
        }
    }
}
