import Basics

/// `POST /sync/v1/learners/reset`: a learner who forgot their PIN sets a new one with the one-time
/// code the repository admin gave them (`repositoryd learner reset-pin`). `record` is the learner
/// as the PC made it with the new PIN: new PIN hash, new sealed holder key, and a claim of the next
/// generation signed by the new key. The answer is a `LearnerFetchResponse` carrying the learner
/// as the repository now stores them (with its reset statement).
///
/// ```swift
/// let request = LearnerResetRequest(learner: id, code: "K7QF-3MZP-XD2A-9WRB", record: newRecord)
/// ```
public struct LearnerResetRequest: Sendable, Equatable {
    public var learner: String
    public var code: String
    public var record: WireLearner

    public init(learner: String, code: String, record: WireLearner) {
        self.learner = learner
        self.code = code
        self.record = record
    }

    public func body() -> [UInt8] {
        JSONValue.object(["format": .number(Double(SyncWireFormat.version)), "learner": .string(learner), "code": .string(code),
                          "record": record.json]).canonicalData()
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        learner = try object.string("learner", maxBytes: 64)
        code = try object.string("code", maxBytes: 64)
        let record = try object.object("record")
        self.record = try WireLearner(record)
        guard self.record.id == learner else { throw record.error("id", "must be the learner the reset is for") }
    }
}
