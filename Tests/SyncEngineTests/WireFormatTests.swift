import TestSupport
import Foundation
import Testing
import Basics
import SecurityPrimitives
@testable import SyncEngine

@Suite("Sync wire format")
struct WireFormatTests {
    static let casesPerSeed = 200
    let me = ReplicaID("pc-1")
    let learner = WireLearner(id: "ana", name: "Ana", pinSalt: "c2FsdA", pinHash: "aGFzaA", pinCost: ScryptCost(logN: 15), createdMs: 5)
    static let statementID = "0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90"

    func statement(_ id: String = WireFormatTests.statementID) -> JSONValue {
        ["id": .string(id), "actor": ["mbox": "mailto:a@x.example"], "verb": ["id": "http://adlnet.gov/expapi/verbs/passed"],
         "object": ["id": "https://x.example/lo/1"], "stored": "2026-11-22T09:00:00.000Z", "authority": ["mbox": "mailto:w@x.example"],
         "result": ["score": ["scaled": 3.0]]]
    }

    // MARK: - Comparing decoded messages (statements decoded from the wire also carry their value)

    func sameStatements(_ a: [WireStatement], _ b: [WireStatement]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.id == $1.id && Array($0.json.utf8) == Array($1.json.utf8) }
    }

    func samePush(_ a: PushRequest, _ b: PushRequest) -> Bool {
        a.batch == b.batch && a.replica == b.replica && a.learner == b.learner && sameStatements(a.statements, b.statements) && a.records == b.records
    }

    func samePull(_ a: PullResponse, _ b: PullResponse) -> Bool {
        a.catalogVersion == b.catalogVersion && a.partitions.count == b.partitions.count && zip(a.partitions, b.partitions).allSatisfy {
            $0.learner == $1.learner && sameStatements($0.statements, $1.statements) && $0.records == $1.records && $0.next == $1.next && $0.more == $1.more
        }
    }

    // MARK: - Random messages

    func randomRecords(_ random: inout SplitMix, max: Int = 4) -> [WireRecord] {
        (0..<random.int(0...max)).map { _ in WireRecord(key: Generators.recordKey(&random), state: Generators.registerState(&random)) }
    }

    func randomPush(_ random: inout SplitMix) -> PushRequest {
        PushRequest(replica: random.pick(Generators.replicas + [me]), learner: Generators.learner(&random),
                    statements: (0..<random.int(0...8)).map { _ in Generators.wireStatement(&random) }, records: randomRecords(&random))
    }

    func randomPullAnswer(_ random: inout SplitMix) -> PullResponse {
        PullResponse(catalogVersion: random.chance(0.8) ? "v\(random.int(0...99))" : nil, partitions: (0..<random.int(0...3)).map { _ in
            PullResponse.Partition(learner: "learner-\(random.int(0...9))", statements: (0..<random.int(0...5)).map { _ in Generators.wireStatement(&random) },
                                   records: randomRecords(&random, max: 3), next: Int64(random.int(0...1 << 40)), more: random.chance(0.3))
        })
    }

    // MARK: - Round trips

    @Test("every message type survives its wire encoding", arguments: propertySeeds)
    func roundTrips(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let note = "seed \(seed) case \(n)"
            let push = randomPush(&random)
            try #require(samePush(try PushRequest(body: push.body()), push), "\(note)")

            let pull = PullRequest(replica: random.pick(Generators.replicas), limit: random.int(1...SyncWireFormat.maxBatchItems),
                                   partitions: (0..<random.int(0...4)).map { _ in .init(learner: "learner-\(random.int(0...9))", since: Int64(random.int(0...1 << 40))) })
            try #require(try PullRequest(body: pull.body()) == pull, "\(note)")

            let answer = randomPullAnswer(&random)
            try #require(samePull(try PullResponse(body: answer.body()), answer), "\(note)")

            let ack = PushResponse(batch: push.batch, accepted: random.int(0...1000), duplicates: random.int(0...1000),
                                   conflicts: push.statements.map(\.id).filter { _ in random.chance(0.3) }, recordsMerged: push.records.count, replayed: random.chance(0.5))
            try #require(try PushResponse(body: ack.json.canonicalData()) == ack, "\(note)")

            let enrol = DeviceEnrolmentRequest(code: "K7QF-3MZP-XD2A-\(random.int(1000...9999))", replica: random.pick(Generators.replicas), name: Generators.text(&random))
            try #require(try DeviceEnrolmentRequest(body: enrol.body()) == enrol, "\(note)")
            let enrolled = DeviceEnrolmentResponse(device: random.uuid(), token: "tok-\(random.uuid())", repository: random.pick(Generators.replicas))
            try #require(try DeviceEnrolmentResponse(body: enrolled.json.canonicalData()) == enrolled, "\(note)")

            let fetch = LearnerFetchRequest(learner: "learner-\(random.int(0...99))", pin: Generators.text(&random))
            try #require(try LearnerFetchRequest(body: fetch.body()) == fetch, "\(note)")
            let fetched = LearnerFetchResponse(learner: Generators.learner(&random))
            try #require(try LearnerFetchResponse(body: fetched.json.canonicalData()) == fetched, "\(note)")

            let catalog = CatalogEnvelope(version: "v\(random.int(0...99))", catalog: ["courses": .array((0..<random.int(0...3)).map { _ in Generators.jsonValue(&random) })])
            try #require(try CatalogEnvelope(body: catalog.json.canonicalData()) == catalog, "\(note)")

            let state = Generators.registerState(&random)
            try #require(try RegisterState(json: try JSONValue(data: state.json.encoded()), path: "state") == state, "\(note)")
        }
    }

    @Test func examplesRoundTrip() throws {
        let wire = WireStatement(id: Self.statementID, json: statement().encodedString)
        let record = WireRecord(key: "profile/email", state: RegisterState().writing("a@x.example", by: me, seen: VersionVector()))
        let push = PushRequest(replica: me, learner: learner, statements: [wire], records: [record])
        #expect(samePush(try PushRequest(body: push.body()), push))
        #expect(!wire.json.contains("3.0"), "numbers in canonical form")

        let empty = PushRequest(replica: me, learner: learner, statements: [], records: [])
        #expect(samePush(try PushRequest(body: empty.body()), empty), "a learner's announcement: no statements, no records")

        let answer = PullResponse(catalogVersion: nil, partitions: [.init(learner: "ana", statements: [], records: [], next: 0, more: false)])
        #expect(samePull(try PullResponse(body: answer.body()), answer))
        #expect(PullRequest(replica: me, limit: 0, partitions: []).limit == 1 && PullRequest(replica: me, limit: 5000, partitions: []).limit == 1000,
                "the limit is clamped to what the hub accepts")
    }

    // MARK: - Statements keep their text

    @Test("a statement's canonical text crosses push and pull byte for byte", arguments: propertySeeds)
    func canonicalTextIsKept(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let value = Generators.statement(&random)
            let text = value.encodedString
            let id = value["id"]!.stringValue!
            let note = "seed \(seed) case \(n): \(text)"
            // Parsing canonical text and writing it again gives the same bytes (what a pull relies on).
            try #require(try JSONValue(data: Data(text.utf8)).canonicalData() == Array(text.utf8), "\(note)")
            let pushed = try PushRequest(body: PushRequest(replica: me, learner: learner, statements: [WireStatement(id: id, json: text)], records: []).body())
            try #require(Array(pushed.statements[0].json.utf8) == Array(text.utf8), "\(note)")
            // The hub keeps a pushed statement as text (no tree); a pulled one carries its value for the PC.
            try #require(pushed.statements[0].value == nil, "\(note)")
            let pulled = try PullResponse(body: PullResponse(catalogVersion: "v", partitions: [.init(learner: "ana", statements: pushed.statements, records: [], next: 1, more: false)]).body())
            try #require(Array(pulled.partitions[0].statements[0].json.utf8) == Array(text.utf8), "\(note)")
            try #require(pulled.partitions[0].statements[0].value == value, "\(note)")
        }
    }

    @Test func aPushKeepsTheExactTextItWasSent() throws {
        // Not canonical: spaces, key order, 3.0, an escaped slash. The hub stores what the device
        // stored, so the push must not write it again.
        let text = #"{ "stored":"2026-11-22T09:00:00.000Z", "id" : "0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90","authority":{},"n":3.0,"u":"a\/b\u00e9" }"#
        let body = #"{"format": 1, "batch": "b", "replica": "pc-1", "learner": "# + learner.json.encodedString
            + #", "statements": [ "# + text + " ,\n\t" + statement().encodedString + #" ], "records": []}"#
        let push = try PushRequest(body: Array(body.utf8))
        #expect(push.statements.map(\.json) == [text, statement().encodedString])
        #expect(Array(push.statements[0].json.utf8) == Array(text.utf8))
        #expect(push.statements[0].id == Self.statementID)
    }

    // MARK: - Batch ids

    @Test("the batch id is a function of the content: the same for the same batch, different for any change", arguments: propertySeeds)
    func batchIDs(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let push = randomPush(&random)
            let note = "seed \(seed) case \(n)"
            try #require(push.batch.count == 64 && push.batch.allSatisfy { "0123456789abcdef".contains($0) }, "hex SHA-256, \(note)")
            let again = PushRequest(replica: push.replica, learner: push.learner, statements: push.statements, records: push.records)
            try #require(again.batch == push.batch, "deterministic, \(note)")
            let decoded = try PushRequest(body: push.body())
            try #require(PushRequest(replica: decoded.replica, learner: decoded.learner, statements: decoded.statements, records: decoded.records).batch == push.batch,
                    "what the hub receives hashes to the id it was sent with, \(note)")

            var statements = push.statements, records = push.records, replica = push.replica, learner = push.learner
            switch random.int(0...6) {
            case 0 where !statements.isEmpty:
                // Same id, other content: must not be taken for a replay of the first.
                let i = random.int(0...statements.count - 1)
                var value = try JSONValue(data: Data(statements[i].json.utf8))
                if case .object(var fields) = value { fields["changed"] = .number(Double(n)); value = .object(fields) }
                statements[i] = WireStatement(id: statements[i].id, json: value.encodedString)
            case 1 where !statements.isEmpty: statements.remove(at: random.int(0...statements.count - 1))
            case 2: statements.append(Generators.wireStatement(&random))
            case 3 where !records.isEmpty:
                let i = random.int(0...records.count - 1)
                records[i].state = records[i].state.writing("changed", by: ReplicaID("zz"), seen: VersionVector())
            case 4 where !records.isEmpty:
                let i = random.int(0...records.count - 1)
                records[i].key = records[i].key == "profile/name" ? "profile/phone" : "profile/name"
            case 5: replica = ReplicaID(replica.rawValue + "x")
            default: learner.id += "x"
            }
            let changed = PushRequest(replica: replica, learner: learner, statements: statements, records: records)
            let same = statements.map(\.json) == push.statements.map(\.json) && records == push.records && replica == push.replica && learner.id == push.learner.id
            try #require((changed.batch == push.batch) == same, "\(note)")
        }
    }

    @Test func batchIDExamples() {
        let a = WireStatement(id: Self.statementID, json: statement().encodedString)
        let a2 = WireStatement(id: Self.statementID, json: statement().encodedString.replacingOccurrences(of: "passed", with: "failed"))
        let b = WireStatement(id: "1b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90", json: statement("1b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90").encodedString)
        func batch(_ s: [WireStatement]) -> String { PushRequest(replica: me, learner: learner, statements: s, records: []).batch }
        #expect(batch([a]) == batch([a]))
        #expect(batch([a]) != batch([a, b]))
        #expect(batch([a]) != batch([a2]), "same id, other content")
        #expect(batch([a, b]) != batch([b, a]))
        #expect(batch([]) == batch([]) && batch([]) != batch([a]))
    }

    // MARK: - Refusals

    typealias Decoder = @Sendable ([UInt8]) throws(SyncWireError) -> Void

    static let decoders: [(name: String, decode: Decoder)] = [
        ("push", { bytes throws(SyncWireError) in _ = try PushRequest(body: bytes) }),
        ("push answer", { bytes throws(SyncWireError) in _ = try PushResponse(body: bytes) }),
        ("pull", { bytes throws(SyncWireError) in _ = try PullRequest(body: bytes) }),
        ("pull answer", { bytes throws(SyncWireError) in _ = try PullResponse(body: bytes) }),
        ("enrolment", { bytes throws(SyncWireError) in _ = try DeviceEnrolmentRequest(body: bytes) }),
        ("enrolment answer", { bytes throws(SyncWireError) in _ = try DeviceEnrolmentResponse(body: bytes) }),
        ("learner fetch", { bytes throws(SyncWireError) in _ = try LearnerFetchRequest(body: bytes) }),
        ("learner fetch answer", { bytes throws(SyncWireError) in _ = try LearnerFetchResponse(body: bytes) }),
        ("catalog", { bytes throws(SyncWireError) in _ = try CatalogEnvelope(body: bytes) }),
    ]

    func refusal(_ bytes: [UInt8], _ decode: Decoder) -> SyncWireError? {
        do throws(SyncWireError) {
            try decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    func refusal(_ json: JSONValue, _ decode: Decoder) -> SyncWireError? { refusal(json.canonicalData(), decode) }

    func expectRefusal(_ error: SyncWireError?, code: ErrorCode = .invalidSyncMessage, path: String, says fragment: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error else {
            Issue.record("accepted; expected a refusal at '\(path)'", sourceLocation: sourceLocation)
            return
        }
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        #expect(error.path == path, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "\(error) should say '\(fragment)'", sourceLocation: sourceLocation)
    }

    @Test("every message refuses a body that is not a format 1 JSON object", arguments: 0..<WireFormatTests.decoders.count)
    func envelopeRefusals(index: Int) {
        let (name, decode) = Self.decoders[index]
        expectRefusal(refusal(["replica": "pc-1"], decode), path: "format", says: "missing: every sync message says \"format\": 1")
        expectRefusal(refusal(["format": 2], decode), code: .unsupportedFormat, path: "format", says: "sync format 2 is not supported; this side speaks format 1")
        expectRefusal(refusal(["format": "1"], decode), code: .unsupportedFormat, path: "format", says: #"sync format "1" is not supported"#)
        expectRefusal(refusal(["format": 1.5], decode), code: .unsupportedFormat, path: "format", says: "1.5")
        expectRefusal(refusal(.array([1]), decode), path: "", says: "a sync message is a JSON object")
        expectRefusal(refusal("{\"format\": 1".utf8.map { $0 }, decode), path: "", says: "the body is not JSON")
        expectRefusal(refusal([UInt8](), decode), path: "", says: "the body is not JSON")
        #expect(refusal(["format": 1], decode) != nil, "\(name): an empty format 1 message lacks its fields")
    }

    var pushBody: [String: JSONValue] {
        ["format": 1, "batch": "b", "replica": "pc-1", "learner": learner.json, "statements": [], "records": []]
    }

    func push(_ change: (inout [String: JSONValue]) -> Void) -> SyncWireError? {
        var body = pushBody
        change(&body)
        return refusal(.object(body), Self.decoders[0].decode)
    }

    func pushStatement(_ fields: [String: JSONValue?]) -> SyncWireError? {
        guard case .object(var changed) = statement() else { return nil }
        for (key, value) in fields { changed[key] = value }
        return push { $0["statements"] = [statement(), .object(changed)] }
    }

    func pushState(_ state: JSONValue) -> SyncWireError? {
        push { $0["records"] = [["key": "profile/email", "state": state]] }
    }

    @Test func pushRefusals() {
        #expect(push { _ in } == nil, "the base body is valid")
        // Statements.
        expectRefusal(pushStatement(["id": nil]), path: "statements[1].id", says: "a synced statement needs its id (a lowercase UUID)")
        expectRefusal(pushStatement(["id": "not-a-uuid"]), path: "statements[1].id", says: "lowercase UUID")
        expectRefusal(pushStatement(["id": "0B3F6C1E-8A44-4C4E-9B1A-2F6D3C5E7A90"]), path: "statements[1].id", says: "lowercase UUID")
        expectRefusal(pushStatement(["id": 7]), path: "statements[1].id", says: "lowercase UUID")
        expectRefusal(pushStatement(["stored": nil]), path: "statements[1]", says: "must carry stored and authority")
        expectRefusal(pushStatement(["authority": nil]), path: "statements[1]", says: "must carry stored and authority")
        expectRefusal(pushStatement(["stored": 5]), path: "statements[1]", says: "must carry stored and authority")
        expectRefusal(push { $0["statements"] = [statement(), "text"] }, path: "statements[1]", says: "a statement must be an object")
        expectRefusal(push { $0["statements"] = "none" }, path: "statements", says: "must be an array")
        expectRefusal(push { $0["statements"] = nil }, path: "statements", says: "missing")
        // Too many items.
        expectRefusal(push { $0["statements"] = .array(Array(repeating: statement(), count: SyncWireFormat.maxBatchItems + 1)) },
                      path: "statements", says: "has 1001 elements; at most 1000 per message")
        #expect(push { $0["statements"] = .array(Array(repeating: statement(), count: SyncWireFormat.maxBatchItems)) } == nil, "1,000 is allowed")
        let record: JSONValue = ["key": "profile/email", "state": ["siblings": [], "context": [:]]]
        expectRefusal(push { $0["records"] = .array(Array(repeating: record, count: SyncWireFormat.maxBatchItems + 1)) },
                      path: "records", says: "has 1001 elements; at most 1000 per message")
        // Envelope fields.
        expectRefusal(push { $0["replica"] = "PC 1" }, path: "replica", says: "must be a replica id (lowercase letters, digits and '-')")
        expectRefusal(push { $0["replica"] = .string(String(repeating: "a", count: 65)) }, path: "replica", says: "longer than 64 bytes")
        expectRefusal(push { $0["replica"] = nil }, path: "replica", says: "missing")
        expectRefusal(push { $0["batch"] = nil }, path: "batch", says: "missing")
        expectRefusal(push { $0["batch"] = .string(String(repeating: "f", count: 65)) }, path: "batch", says: "longer than 64 bytes")
        // The learner.
        expectRefusal(push { $0["learner"] = "ana" }, path: "learner", says: "must be an object")
        expectRefusal(push { $0["learner"]?.remove("pin") }, path: "learner.pin", says: "missing")
        expectRefusal(push { $0["learner"]?.set("id", "") }, path: "learner.id", says: "must not be empty")
        expectRefusal(push { $0["learner"]?.set("createdMs", -1) }, path: "learner.createdMs", says: "whole number")
        expectRefusal(push { $0["learner"]?.set("pin", ["salt": "s", "hash": "h", "logN": 30, "r": 8, "p": 1]) }, path: "learner.pin.logN", says: "1…20")
        // In range one by one, but 8 GiB of scrypt memory together: refused on arrival, so no PC
        // or repository is ever asked to run it at a login or a learner fetch.
        expectRefusal(push { $0["learner"]?.set("pin", ["salt": "s", "hash": "h", "logN": 20, "r": 64, "p": 1]) }, path: "learner.pin.logN", says: "MiB")
        // Record keys.
        expectRefusal(push { $0["records"] = [["key": "secrets/pin", "state": ["siblings": [], "context": [:]]]] },
                      path: "records[0].key", says: "record keys start with profile/, enrolment/ or credential/")
        expectRefusal(push { $0["records"] = [["key": "profile/age", "state": ["siblings": [], "context": [:]]]] },
                      path: "records[0].key", says: "unknown profile field 'age'")
        expectRefusal(push { $0["records"] = [["key": "enrolment/", "state": ["siblings": [], "context": [:]]]] },
                      path: "records[0].key", says: "enrolment keys are enrolment/COURSE-ID")
        expectRefusal(push { $0["records"] = [["key": "enrolment/a b", "state": ["siblings": [], "context": [:]]]] },
                      path: "records[0].key", says: "enrolment keys are enrolment/COURSE-ID")
        // Record states and dots.
        expectRefusal(pushState("x"), path: "records[0].state", says: "a record state must be an object")
        expectRefusal(pushState(["siblings": []]), path: "records[0].state.context", says: "missing")
        expectRefusal(pushState(["siblings": [], "context": ["PC 1": 1]]), path: "records[0].state.context.PC 1", says: "not a replica id")
        expectRefusal(pushState(["siblings": [], "context": ["pc-1": -1]]), path: "records[0].state.context.pc-1", says: "whole number")
        for dot: JSONValue in [["pc-1", 0], ["pc-1", -1], ["pc-1", 1.5], ["PC 1", 1], [1, 1], ["pc-1"], ["pc-1", "1"], ["pc-1", 9_007_199_254_740_994]] {
            expectRefusal(pushState(["siblings": [["dot": dot, "value": "x"]], "context": [:]]),
                          path: "records[0].state.siblings[0].dot", says: "must be [replica id, counter ≥ 1]")
        }
        expectRefusal(pushState(["siblings": [["dot": ["pc-1", 1, 2], "value": "x"]], "context": [:]]),
                      path: "records[0].state.siblings[0].dot", says: "has 3 elements; at most 2 per message")
        expectRefusal(pushState(["siblings": [["dot": "pc-1:1", "value": "x"]], "context": [:]]), path: "records[0].state.siblings[0].dot", says: "must be an array")
        expectRefusal(pushState(["siblings": [["value": "x"]], "context": [:]]), path: "records[0].state.siblings[0].dot", says: "missing")
        expectRefusal(pushState(["siblings": [["dot": ["pc-1", 1]]], "context": [:]]), path: "records[0].state.siblings[0].value", says: "missing")
        expectRefusal(pushState(["siblings": [["dot": ["pc-1", 1], "value": .string(String(repeating: "x", count: RecordKey.maxValueBytes))]], "context": [:]]),
                      path: "records[0].state.siblings[0].value", says: "longer than 4096 bytes")
        let over = RegisterState.maxSiblings + 1
        let many = JSONValue.array((1...over).map { ["dot": ["pc-1", .number(Double($0))], "value": "x"] })
        expectRefusal(pushState(["siblings": many, "context": [:]]), path: "records[0].state.siblings",
                      says: "has \(over) elements; at most \(RegisterState.maxSiblings)")
    }

    @Test func pullRefusals() {
        let decode = Self.decoders[2].decode
        func pull(_ change: (inout [String: JSONValue]) -> Void) -> SyncWireError? {
            var body: [String: JSONValue] = ["format": 1, "replica": "pc-1", "limit": 5, "partitions": [["learner": "ana", "since": 0]]]
            change(&body)
            return refusal(.object(body), decode)
        }
        #expect(pull { _ in } == nil)
        expectRefusal(pull { $0["replica"] = "PC 1" }, path: "replica", says: "must be a replica id")
        expectRefusal(pull { $0["replica"] = "" }, path: "replica", says: "must be a replica id")
        expectRefusal(pull { $0["limit"] = 5000 }, path: "limit", says: "must be a whole number in 1…1000")
        expectRefusal(pull { $0["limit"] = 0 }, path: "limit", says: "must be a whole number in 1…1000")
        expectRefusal(pull { $0["limit"] = 2.5 }, path: "limit", says: "whole number")
        expectRefusal(pull { $0["partitions"] = [["learner": "ana", "since": -1]] }, path: "partitions[0].since", says: "whole number")
        expectRefusal(pull { $0["partitions"] = [["since": 0]] }, path: "partitions[0].learner", says: "missing")
        expectRefusal(pull { $0["partitions"] = ["ana"] }, path: "partitions[0]", says: "must be an object")
        expectRefusal(pull { $0["partitions"] = .array(Array(repeating: ["learner": "ana", "since": 0], count: SyncWireFormat.maxPartitions + 1)) },
                      path: "partitions", says: "has 10001 elements; at most 10000 per message")
    }

    @Test func answerAndSmallMessageRefusals() {
        let partition: JSONValue = ["learner": "ana", "statements": [statement()], "records": [], "next": 3, "more": false]
        // A partition that cannot be read is set apart with its error (the path names it); the
        // answer's other partitions are kept.
        func pullAnswer(_ change: (inout [String: JSONValue]) -> Void) -> SyncWireError? {
            guard case .object(var part) = partition else { return nil }
            change(&part)
            let body = JSONValue.object(["format": 1, "catalogVersion": "v", "partitions": [partition, .object(part)]]).canonicalData()
            do {
                let answer = try PullResponse(body: body)
                #expect(answer.partitions.count + answer.unreadable.count == 2 && answer.partitions.first?.learner == "ana")
                return answer.unreadable.first?.error
            } catch {
                return error
            }
        }
        #expect(pullAnswer { _ in } == nil)
        #expect(refusal(["format": 1, "catalogVersion": nil, "partitions": []], Self.decoders[3].decode) == nil, "no catalog yet")
        expectRefusal(pullAnswer { $0["statements"] = [["id": "x", "stored": "s", "authority": [:]]] }, path: "partitions[1].statements[0].id", says: "lowercase UUID")
        expectRefusal(pullAnswer { $0["records"] = [["key": "profile/pin", "state": ["siblings": [], "context": [:]]]] },
                      path: "partitions[1].records[0].key", says: "unknown profile field 'pin'")
        expectRefusal(pullAnswer { $0["next"] = nil }, path: "partitions[1].next", says: "missing")
        expectRefusal(pullAnswer { $0["more"] = "no" }, path: "partitions[1].more", says: "must be true or false")

        expectRefusal(refusal(["format": 1, "batch": "b", "accepted": -1, "duplicates": 0, "conflicts": [], "recordsMerged": 0, "replayed": false], Self.decoders[1].decode),
                      path: "accepted", says: "whole number")
        expectRefusal(refusal(["format": 1, "code": "K7QF", "replica": "PC", "name": "pc"], Self.decoders[4].decode), path: "replica", says: "must be a replica id")
        expectRefusal(refusal(["format": 1, "device": "d", "token": "t", "repository": "Hub!"], Self.decoders[5].decode), path: "repository", says: "must be a replica id")
        expectRefusal(refusal(["format": 1, "learner": "ana"], Self.decoders[6].decode), path: "pin", says: "missing")
        expectRefusal(refusal(["format": 1], Self.decoders[7].decode), path: "learner", says: "missing")
        expectRefusal(refusal(["format": 1, "version": .string(String(repeating: "v", count: 129)), "catalog": [:]], Self.decoders[8].decode),
                      path: "version", says: "longer than 128 bytes")
        expectRefusal(refusal(["format": 1, "version": "v"], Self.decoders[8].decode), path: "catalog", says: "missing")
    }

    @Test func refusalsReadWell() {
        let error = SyncWireError(path: "records[0].key", message: "record keys start with profile/, enrolment/ or credential/")
        #expect(error.description == "records[0].key: record keys start with profile/, enrolment/ or credential/")
        #expect(SyncWireError(path: "", message: "a sync message is a JSON object").description == "a sync message is a JSON object")
        #expect(error.code == .invalidSyncMessage)
    }
}

extension JSONValue {
    mutating func set(_ key: String, _ value: JSONValue) {
        if case .object(var fields) = self { fields[key] = value; self = .object(fields) }
    }

    mutating func remove(_ key: String) {
        if case .object(var fields) = self { fields[key] = nil; self = .object(fields) }
    }
}
