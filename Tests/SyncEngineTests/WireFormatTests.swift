import Testing
import WalletAPI
@testable import SyncEngine

@Suite("Sync wire format")
struct WireFormatTests {
    let me = ReplicaID("pc-1")
    let learner = WireLearner(id: "ana", name: "Ana", pinSalt: "c2FsdA", pinHash: "aGFzaA", logN: 15, blockSize: 8, parallelism: 1, createdMs: 5)

    func statement(_ id: String = "0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90") -> JSONValue {
        ["id": .string(id), "actor": ["mbox": "mailto:a@x.example"], "verb": ["id": "http://adlnet.gov/expapi/verbs/passed"],
         "object": ["id": "https://x.example/lo/1"], "stored": "2026-11-22T09:00:00.000Z", "authority": ["mbox": "mailto:w@x.example"],
         "result": ["score": ["scaled": 3.0]]]
    }

    @Test func pushRoundTripKeepsStatementsByteForByte() throws {
        let wire = WireStatement(id: "0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90", json: statement().encodedString)
        let record = WireRecord(key: "profile/email", state: RegisterState().writing("a@x.example", by: me, seen: VersionVector()))
        let push = PushRequest(replica: me, learner: learner, statements: [wire], records: [record])
        let back = try PushRequest(body: push.body())
        #expect(back.batch == push.batch && back.learner == learner && back.records == [record])
        #expect(back.statements.map(\.json) == [wire.json])
        #expect(!wire.json.contains("3.0"), "numbers in canonical form")
    }

    @Test func batchIDsFollowContent() {
        let a = WireStatement(id: "0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90", json: "{}")
        let b = WireStatement(id: "1b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90", json: "{}")
        #expect(PushRequest(replica: me, learner: learner, statements: [a], records: []).batch
                == PushRequest(replica: me, learner: learner, statements: [a], records: []).batch)
        #expect(PushRequest(replica: me, learner: learner, statements: [a], records: []).batch
                != PushRequest(replica: me, learner: learner, statements: [a, b], records: []).batch)
    }

    @Test func pullAndAnswersRoundTrip() throws {
        let pull = PullRequest(replica: me, limit: 500, partitions: [.init(learner: "ana", since: 41)])
        #expect(try PullRequest(body: pull.body()) == pull)
        let answer = PullResponse(catalogVersion: "v1", partitions: [.init(learner: "ana", statements: [try WireStatement(value: statement(), path: "s")],
                                                                           records: [], next: 42, more: true)])
        let back = try PullResponse(body: answer.body())
        #expect(back.catalogVersion == "v1" && back.partitions[0].next == 42 && back.partitions[0].more)
        #expect(back.partitions[0].statements[0].json == statement().encodedString)
        let ack = PushResponse(batch: "b", accepted: 1, duplicates: 2, conflicts: ["x"], recordsMerged: 0, replayed: true)
        #expect(try PushResponse(body: ack.json.canonicalData()) == ack)
        let enrol = DeviceEnrolmentRequest(code: "K7QF-3MZP-XD2A-9WLB", replica: me, name: "pc")
        #expect(try DeviceEnrolmentRequest(body: enrol.body()) == enrol)
        #expect(try LearnerFetchResponse(body: LearnerFetchResponse(learner: learner).json.canonicalData()).learner == learner)
    }

    func refusal(_ json: JSONValue, _ make: ([UInt8]) throws(SyncWireError) -> Void) -> SyncWireError? {
        do throws(SyncWireError) {
            try make(json.canonicalData())
            return nil
        } catch {
            return error
        }
    }

    @Test func refusalsNameTheFieldAndTheFix() {
        let pull: ([UInt8]) throws(SyncWireError) -> Void = { bytes throws(SyncWireError) in _ = try PullRequest(body: bytes) }
        #expect(refusal(["replica": "pc-1", "limit": 5, "partitions": []], pull)?.path == "format")
        #expect(refusal(["format": 2, "replica": "pc-1", "limit": 5, "partitions": []], pull)?.code == "unsupported_format")
        #expect(refusal(["format": 1, "replica": "PC 1", "limit": 5, "partitions": []], pull)?.path == "replica")
        #expect(refusal(["format": 1, "replica": "pc-1", "limit": 5000, "partitions": []], pull)?.path == "limit")
        #expect(refusal(.array([]), pull)?.message.contains("object") == true)

        let push: ([UInt8]) throws(SyncWireError) -> Void = { bytes throws(SyncWireError) in _ = try PushRequest(body: bytes) }
        var body: [String: JSONValue] = ["format": 1, "batch": "b", "replica": "pc-1", "learner": learner.json, "records": []]
        body["statements"] = [["id": "not-a-uuid", "stored": "x", "authority": [:]]]
        #expect(refusal(.object(body), push)?.path == "statements[0].id")
        body["statements"] = [["id": "0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90"]]
        #expect(refusal(.object(body), push)?.message.contains("stored and authority") == true)
        body["statements"] = .array(Array(repeating: statement(), count: SyncWireFormat.maxBatchItems + 1))
        #expect(refusal(.object(body), push)?.path == "statements")
        body["statements"] = []
        body["records"] = [["key": "secrets/pin", "state": ["siblings": [], "context": [:]]]]
        #expect(refusal(.object(body), push)?.path == "records[0].key")
        body["records"] = [["key": "profile/email", "state": ["siblings": [["dot": ["pc-1", 0], "value": "x"]], "context": [:]]]]
        #expect(refusal(.object(body), push)?.path == "records[0].state.siblings[0].dot")
    }
}
