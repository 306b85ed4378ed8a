import Basics

/// `POST /sync/v1/learners/fetch`: bring a learner who started on another PC onto this one. The
/// learner proves it is them with their PIN; the hub checks it against the PIN hash it holds.
///
/// ```swift
/// let request = LearnerFetchRequest(learner: "ana-…", pin: "4711-2")
/// ```
public struct LearnerFetchRequest: Sendable, Equatable {
    public var learner: String
    public var pin: String

    public init(learner: String, pin: String) {
        self.learner = learner
        self.pin = pin
    }

    public func body() -> [UInt8] {
        JSONValue.object(["format": .number(Double(SyncWireFormat.version)), "learner": .string(learner), "pin": .string(pin)]).canonicalData()
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        learner = try object.string("learner", maxBytes: 64)
        pin = try object.string("pin", maxBytes: 256)
    }
}

/// The learner record the device stores, so the learner can log in on this PC from now on.
public struct LearnerFetchResponse: Sendable, Equatable {
    public var learner: WireLearner

    public init(learner: WireLearner) { self.learner = learner }

    public var json: JSONValue { .object(["format": .number(Double(SyncWireFormat.version)), "learner": learner.json]) }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        learner = try WireLearner(try object.object("learner"))
    }
}
