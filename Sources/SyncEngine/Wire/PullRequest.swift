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
        /// Also the statements this replica pushed itself, which a pull otherwise leaves out (the
        /// device holds them). Set for a learner fetched back onto a PC that once forgot them:
        /// their statements from this PC exist only at the repository then. Sent only when true,
        /// so older hubs read the request as before.
        public var own: Bool
        /// The generation of the learner's claim (`WireLearnerClaim`) this PC has, -1 for none:
        /// the hub then sends a newer claim with the partition (`Partition.claimed`), so a PIN
        /// changed on another PC arrives here. nil (not sent) from older walletd.
        public var claim: Int64?
        public init(learner: String, since: Int64, own: Bool = false, claim: Int64? = nil) {
            self.learner = learner
            self.since = since
            self.own = own
            self.claim = claim
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
            "partitions": .array(partitions.map { cursor in
                var fields: [String: JSONValue] = ["learner": .string(cursor.learner), "since": .number(Double(cursor.since))]
                if cursor.own { fields["own"] = true }
                if let claim = cursor.claim { fields["claim"] = .number(Double(claim)) }
                return .object(fields)
            }),
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
            let own = cursor.fields["own"] == nil ? false : try cursor.bool("own")
            let claim = cursor.fields["claim"] == nil ? nil : try cursor.int64("claim", in: -1...Int64(1) << 53)
            partitions.append(Cursor(learner: try cursor.string("learner", maxBytes: 64), since: try cursor.int64("since"), own: own, claim: claim))
        }
        witness = try object.optionalObject("witness").map { value throws(SyncWireError) in try HubWitness(value) }
    }
}
