import TestSupport
import Foundation
import Testing
import Basics
import SecurityPrimitives
@testable import SyncEngine

/// A push's statements are skimmed, not read into trees (`JSONValue.parse(_:skimmingElementsOf:members:)`,
/// `WireStatement(skim:path:)`). These tests hold the skim to the full reader it replaced: on
/// valid pushes and on broken and hostile ones, `PushRequest(body:)` answers exactly what the
/// full read answered — the same statements, or the same refusal (code, path and message, with
/// the byte offset of a JSON error).
@Suite("Push statements, skimmed")
struct PushSkimTests {
    static let casesPerSeed = 150
    static let learner = WireLearner(id: "ana", name: "Ana", pinSalt: "c2FsdA", pinHash: "aGFzaA", pinCost: ScryptCost(logN: 15), createdMs: 5)
    static let id = "0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90"

    /// What `PushRequest(body:)` answered before statements were skimmed: the whole body read into
    /// a tree, each statement checked from its value.
    static func fullRead(_ body: [UInt8]) throws(SyncWireError) -> [WireStatement] {
        let parsed: (value: JSONValue, raw: [String])
        do {
            parsed = try JSONValue.parse(body, keepingRawElementsOf: "statements")
        } catch {
            throw SyncWireError(path: "", message: "the body is not JSON: \(error)")
        }
        let object = try SyncWireFormat.envelope(parsed.value)
        _ = try object.string("batch", maxBytes: 64)
        _ = try object.replica("replica")
        _ = try WireLearner(try object.object("learner"))
        let elements = try object.array("statements", maxCount: SyncWireFormat.maxBatchItems)
        var statements: [WireStatement] = []
        for (i, element) in elements.enumerated() {
            let raw = parsed.raw.count == elements.count ? parsed.raw[i] : nil
            statements.append(try WireStatement(value: element, raw: raw, path: "statements[\(i)]"))
        }
        _ = try WireRecord.decodeAll(object)
        return statements
    }

    enum Outcome: Equatable {
        case statements([String], [String])
        case refused(SyncWireError)
    }

    static func outcome(_ read: ([UInt8]) throws(SyncWireError) -> [WireStatement], _ body: [UInt8]) -> Outcome {
        do throws(SyncWireError) {
            let statements = try read(body)
            return .statements(statements.map(\.id), statements.map(\.json))
        } catch {
            return .refused(error)
        }
    }

    /// Both readers answer `body` alike; returns the answer.
    @discardableResult
    static func expectAgreement(_ body: [UInt8], _ note: @autoclosure () -> String = "",
                                sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        let skimmed = outcome({ bytes throws(SyncWireError) in try PushRequest(body: bytes).statements }, body)
        let full = outcome(fullRead, body)
        #expect(skimmed == full, "\(note()): skimmed \(skimmed), full read \(full); body \(String(decoding: body.prefix(300), as: UTF8.self))",
                sourceLocation: sourceLocation)
        return skimmed
    }

    /// A push body around these statement texts, as a PC writes it.
    static func body(_ statements: [String]) -> [UInt8] {
        splice(statements.map { Array($0.utf8) })
    }

    /// A push body around statements given as bytes (which need not be UTF-8).
    static func splice(_ statements: [[UInt8]]) -> [UInt8] {
        let head: String = #"{"format":1,"batch":"b","replica":"pc-1","learner":"# + learner.json.encodedString + #","statements":["#
        var body = Array(head.utf8)
        for (i, statement) in statements.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body += statement
        }
        return body + Array(#"],"records":[]}"#.utf8)
    }

    static func statement(_ extra: String = "", id: String = PushSkimTests.id) -> String {
        #"{"id":"\#(id)","actor":{"mbox":"mailto:a@x.example"},"verb":{"id":"http://adlnet.gov/expapi/verbs/passed"},"# +
            #""object":{"id":"https://x.example/lo/1"},"stored":"2026-11-22T09:00:00.000Z","authority":{"mbox":"mailto:w@x.example"}\#(extra)}"#
    }

    func refusal(_ statements: [String]) -> SyncWireError? {
        if case .refused(let error) = Self.expectAgreement(Self.body(statements)) { return error }
        return nil
    }

    // MARK: - Valid pushes

    @Test("random valid pushes read the same statements, byte for byte", arguments: propertySeeds)
    func validPushesAgree(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let statements = (0..<random.int(0...6)).map { _ in Generators.wireStatement(&random) }
            let push = PushRequest(replica: ReplicaID("pc-1"), learner: Generators.learner(&random), statements: statements, records: [])
            let answer = Self.expectAgreement(push.body(), "seed \(seed) case \(n)")
            #expect(answer == .statements(statements.map(\.id), statements.map(\.json)), "seed \(seed) case \(n)")
        }
    }

    // MARK: - Broken pushes

    /// Bytes that break JSON in interesting ways when put anywhere.
    static let breakers: [[UInt8]] = [
        Array(#"""#.utf8), Array("\\".utf8), Array("{".utf8), Array("}".utf8), Array("[".utf8), Array("]".utf8), Array(",".utf8),
        Array(":".utf8), Array(#"\u"#.utf8), Array(#"\ud800"#.utf8), Array(#"\u0069"#.utf8), [0x01], [0xC3], [0xFF], [0xED, 0xA0, 0x80],
        Array("1e400".utf8), Array("-".utf8), Array("01".utf8), Array("tru".utf8), Array(#""id":"#.utf8), Array(#""stored":1,"#.utf8),
        Array(#""id":"1b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90","#.utf8), Array(" ".utf8),
    ]

    @Test("mutated pushes are refused alike, at the same byte with the same words", arguments: propertySeeds)
    func mutatedPushesAgree(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed * 4 {
            let statements = (0..<random.int(1...3)).map { _ in Generators.wireStatement(&random) }
            var body = PushRequest(replica: ReplicaID("pc-1"), learner: Self.learner, statements: statements, records: []).body()
            for _ in 0..<random.int(1...3) {
                let at = random.int(0...body.count - 1)
                switch random.int(0...3) {
                case 0: body = Array(body[..<at])
                case 1: body.remove(at: at)
                case 2: body.insert(contentsOf: random.pick(Self.breakers), at: at)
                default: body[at] = random.pick(Self.breakers).first ?? 0x20
                }
                if body.isEmpty { break }
            }
            Self.expectAgreement(body, "seed \(seed) case \(n)")
        }
    }

    // MARK: - Hostile and edge statements, one by one

    @Test func theShapeOfASyncedStatement() throws {
        let plain = Self.statement()
        #expect(Self.expectAgreement(Self.body([plain])) == .statements([Self.id], [plain]))
        #expect(Self.expectAgreement(Self.body([])) == .statements([], []))
        // Refusals of the id, stored and authority, with their paths.
        for (text, path, words) in [
            (plain.replacingOccurrences(of: #""id":"\#(Self.id)","#, with: ""), "statements[0].id", "lowercase UUID"),
            (Self.statement(id: Self.id.uppercased()), "statements[0].id", "lowercase UUID"),
            (Self.statement(id: "not-a-uuid"), "statements[0].id", "lowercase UUID"),
            (plain.replacingOccurrences(of: #""id":"\#(Self.id)""#, with: #""id":7"#), "statements[0].id", "lowercase UUID"),
            (plain.replacingOccurrences(of: #""stored":"2026-11-22T09:00:00.000Z","#, with: ""), "statements[0]", "stored and authority"),
            (plain.replacingOccurrences(of: #""stored":"2026-11-22T09:00:00.000Z""#, with: #""stored":5"#), "statements[0]", "stored and authority"),
            (plain.replacingOccurrences(of: #","authority":{"mbox":"mailto:w@x.example"}"#, with: ""), "statements[0]", "stored and authority"),
            ("[1]", "statements[0]", "must be an object"), (#""text""#, "statements[0]", "must be an object"), ("null", "statements[0]", "must be an object"),
        ] {
            let error = try #require(refusal([text, plain]), "\(text)")
            #expect(error.path == path && error.message.contains(words), "\(error)")
        }
        // `authority` may be null; it is there.
        #expect(refusal([plain.replacingOccurrences(of: #""authority":{"mbox":"mailto:w@x.example"}"#, with: #""authority":null"#)]) == nil)
    }

    @Test func membersAreFoundOnlyAtTheTopLevelAndAsDecoded() {
        // "id", "stored" and "authority" inside strings or nested objects are not the statement's.
        let decoy = #"{"note":"\"id\":\"\#(Self.id)\",\"stored\":\"s\"","actor":{"id":"\#(Self.id)","stored":"s","authority":{}},"verb":{}}"#
        #expect(refusal([decoy])?.path == "statements[0].id")
        // An escaped member name is the same name.
        let escaped = Self.statement().replacingOccurrences(of: #"{"id":"#, with: #"{"\u0069d":"#)
        #expect(Self.expectAgreement(Self.body([escaped])) == .statements([Self.id], [escaped]))
        let escapedID = Self.statement().replacingOccurrences(of: #""id":"0b3f"#, with: #""id":"\u0030b3f"#)
        #expect(Self.expectAgreement(Self.body([escapedID])) == .statements([Self.id], [escapedID]))
        let escapedStored = Self.statement().replacingOccurrences(of: #""stored""#, with: #""st\u006Fred""#)
        #expect(refusal([escapedStored]) == nil)
    }

    @Test func repeatedKeysAreRefusedAsTheFullReaderRefusesThem() {
        for extra in [
            #","id":"1b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90""#,       // the id twice
            #","\u0069d":"1b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90""#,  // the id twice, once escaped
            #","x":{"a":1,"b":2,"a":3}"#,                            // nested
            #","K":1,"\#u{212A}":2"#,                                // Kelvin sign: canonically "K"
            #","é":1,"e\#u{301}":2"#,                                // composed and decomposed
            #","x":{"a":1,"é":2,"a":3}"#,                            // a plain key repeated after one that is not
            ",\"x\":{" + (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k7\":0}",   // many keys, the repeat late
            ",\"x\":{" + (0..<20).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k\\u0031\":0}", // past the in-place keys, escaped
        ] {
            let error = refusal([Self.statement(extra)])
            #expect(error?.message.contains("appears twice") == true, "\(extra): \(String(describing: error))")
        }
        // Many distinct keys, and keys that differ only past the in-place comparison, are fine.
        let many = ",\"x\":{" + (0..<200).map { "\"k\($0)\":[\($0)]" }.joined(separator: ",") + "}"
        #expect(refusal([Self.statement(many)]) == nil)
    }

    @Test func depthAndSizeLimits() throws {
        // A statement may nest `StatementLimits.maxDepth` (96) levels; 97 and 98 are refused as too
        // deep with their depth; past 98 the push body itself is beyond the reader's limit.
        for extraLevels in [0, 93, 94, 95, 96, 97, 98] {
            let nested = String(repeating: #"{"a":"#, count: extraLevels) + "1" + String(repeating: "}", count: extraLevels)
            let text = Self.statement(#","deep":"# + nested)
            let answer = Self.expectAgreement(Self.body([text]), "\(extraLevels) levels")
            let depth = extraLevels + 1
            switch answer {
            case .statements: #expect(depth <= StatementLimits.maxDepth, "\(depth) levels accepted")
            case .refused(let error):
                #expect(depth > StatementLimits.maxDepth, "\(depth) levels refused: \(error)")
                if depth <= JSONValue.maxNestingDepth - 2 {
                    #expect(error.code == .statementTooDeep && error.message.contains("nests \(depth) levels"), "\(error)")
                }
            }
            let arrays = Self.statement(#","deep":"# + String(repeating: "[", count: extraLevels) + String(repeating: "]", count: extraLevels))
            Self.expectAgreement(Self.body([arrays]), "\(extraLevels) levels of arrays")
        }
        let huge = Self.statement(#","big":""# + String(repeating: "x", count: StatementLimits.maxBytes) + #"""#)
        let error = try #require(refusal([Self.statement(id: "1b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90"), huge]))
        #expect(error.code == .statementTooLarge && error.path == "statements[1]")
        let justUnder = Self.statement(#","big":""# + String(repeating: "é", count: (StatementLimits.maxBytes - 400) / 2) + #"""#)
        #expect(refusal([justUnder]) == nil)
    }

    @Test func malformedStatementsAreRefusedAtTheSameByte() {
        let plain = Self.statement()
        for broken in [
            String(plain.dropLast()), plain + "}", plain.replacingOccurrences(of: ":", with: ""),
            Self.statement(#","n":1e400"#), Self.statement(#","n":-"#), Self.statement(#","n":01"#), Self.statement(#","n":1."#),
            Self.statement(#","n":"# + String(repeating: "9", count: 400)), Self.statement(#","n":"# + String(repeating: "9", count: 300)),
            Self.statement(#","s":"\ud800""#), Self.statement(#","s":"\x""#), Self.statement(",\"s\":\"a\u{01}b\""),
            Self.statement(#","t":tru"#), Self.statement(#","t":nul"#), Self.statement(#","a":[1,]"#), Self.statement(#","o":{,}"#),
            Self.statement(#","o":{"a" 1}"#), Self.statement(#","o":{1:2}"#), Self.statement(#","u":"\u00e9\ud83d\ude00""#),
        ] {
            Self.expectAgreement(Self.body([broken]), broken)
        }
        // Bytes that are not UTF-8, in a value and in a key.
        for bad: [UInt8] in [[0xC3], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]] {
            var inValue = Array(Self.statement(#","s":"X""#).utf8)
            let at = inValue.firstIndex(of: UInt8(ascii: "X")) ?? 0
            inValue.replaceSubrange(at...at, with: bad)
            Self.expectAgreement(Self.splice([inValue]), "bad UTF-8 \(bad) in a value")
            var inKey = Array(Self.statement(#","X":1"#).utf8)
            let keyAt = inKey.firstIndex(of: UInt8(ascii: "X")) ?? 0
            inKey.replaceSubrange(keyAt...keyAt, with: bad)
            Self.expectAgreement(Self.splice([inKey]), "bad UTF-8 \(bad) in a key")
        }
    }

    @Test func theBatchLimitIsKept() {
        let many = Array(repeating: Self.statement(), count: SyncWireFormat.maxBatchItems + 1)
        #expect(refusal(many)?.message.contains("has 1001 elements") == true)
        let notAnArray = Array((#"{"format":1,"batch":"b","replica":"pc-1","learner":"# + Self.learner.json.encodedString + #","statements":{},"records":[]}"#).utf8)
        Self.expectAgreement(notAnArray)
    }
}
