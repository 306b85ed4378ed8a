import Basics

/// "What changed since my checkpoints?" for every partition a device holds, in one request.
///
/// ```swift
/// let pull = PullRequest(replica: me, limit: 1000, partitions: [PullRequest.Cursor(learner: "ana", since: 41)])
/// ```
public struct PullRequest: Sendable, Equatable {
    public struct Cursor: Sendable, Equatable {
        public var learner: String
        public var since: Int64
        public init(learner: String, since: Int64) {
            self.learner = learner
            self.since = since
        }
    }

    public var replica: ReplicaID
    public var limit: Int
    public var partitions: [Cursor]
    /// The newest hub state this device saw (nil before its first sync, and from older walletd):
    /// the hub checks it has not gone back in time since.
    public var witness: HubWitness?

    public init(replica: ReplicaID, limit: Int, partitions: [Cursor], witness: HubWitness? = nil) {
        self.replica = replica
        self.limit = min(max(limit, 1), SyncWireFormat.maxBatchItems)
        self.partitions = partitions
        self.witness = witness
    }

    public func body() -> [UInt8] {
        var fields: [String: JSONValue] = [
            "format": .number(Double(SyncWireFormat.version)), "replica": .string(replica.rawValue),
            "limit": .number(Double(limit)),
            "partitions": .array(partitions.map { .object(["learner": .string($0.learner), "since": .number(Double($0.since))]) }),
        ]
        if let witness { fields["witness"] = witness.json }
        return JSONValue.object(fields).canonicalData()
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        replica = try object.replica("replica")
        limit = Int(try object.int64("limit", in: 1...Int64(SyncWireFormat.maxBatchItems)))
        partitions = []
        for cursor in try object.objects("partitions", maxCount: SyncWireFormat.maxPartitions) {
            partitions.append(Cursor(learner: try cursor.string("learner", maxBytes: 64), since: try cursor.int64("since")))
        }
        witness = try object.optionalObject("witness").map { value throws(SyncWireError) in try HubWitness(value) }
    }
}
