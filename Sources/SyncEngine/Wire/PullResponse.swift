import Basics

/// The hub's answer to a pull: per partition, the changes after the device's checkpoint (bounded
/// by the request's limit over all partitions), the new checkpoint and whether more remain.
///
/// ```swift
/// let answer = try PullResponse(body: bytes)
/// for partition in answer.partitions { try store.applyPulled(partition) }
/// ```
public struct PullResponse: Sendable {
    public struct Partition: Sendable {
        public var learner: String
        public var statements: [WireStatement]
        public var records: [WireRecord]
        public var next: Int64
        public var more: Bool
        /// Set when the hub will not serve this partition to the asker (a learner the device
        /// does not hold): the partition is empty and `next` is `since`. Optional on the wire
        /// (`"refused": {"code", "message"}`), so answers of older hubs still read.
        public var refusal: PartitionRefusal?
        /// The learner as the hub has them now (PIN hash, sealed holder key, claim), sent when the
        /// hub's claim is newer than the one the cursor names: the PIN was changed on another PC.
        /// The device believes it only if the claim verifies against the DID it holds.
        public var claimed: WireLearner?

        public init(learner: String, statements: [WireStatement], records: [WireRecord], next: Int64, more: Bool,
                    refusal: PartitionRefusal? = nil, claimed: WireLearner? = nil) {
            self.learner = learner
            self.statements = statements
            self.records = records
            self.next = next
            self.more = more
            self.refusal = refusal
            self.claimed = claimed
        }
    }

    public var catalogVersion: String?
    public var partitions: [Partition]
    /// Where the hub stands as it answers (nil from a hub older than epochs).
    public var hub: HubWitness?
    /// Partitions of the answer that could not be read (named by learner): the device keeps
    /// their checkpoints and asks again next run; the other partitions are applied.
    public var unreadable: [UnreadablePartition]

    public init(catalogVersion: String?, partitions: [Partition], unreadable: [UnreadablePartition] = [], hub: HubWitness? = nil) {
        self.catalogVersion = catalogVersion
        self.partitions = partitions
        self.unreadable = unreadable
        self.hub = hub
    }

    public func body() -> [UInt8] {
        var writer = JSONBodyWriter(capacity: 256 + partitions.reduce(0) { $0 + $1.statements.reduce(0) { $0 + $1.json.utf8.count + 1 } })
        writer.field("format", .number(Double(SyncWireFormat.version)))
        writer.field("catalogVersion", catalogVersion.map(JSONValue.string) ?? .null)
        if let hub { writer.field("hub", hub.json) }
        // Partitions are written by hand so statements are copied as stored text.
        var parts: [String] = []
        for partition in partitions {
            var part = JSONBodyWriter(capacity: 128 + partition.statements.reduce(0) { $0 + $1.json.utf8.count + 1 })
            part.field("learner", .string(partition.learner))
            part.rawArrayField("statements", partition.statements.lazy.map(\.json))
            part.field("records", .array(partition.records.map(\.json)))
            part.field("next", .number(Double(partition.next)))
            part.field("more", .bool(partition.more))
            if let refusal = partition.refusal { part.field("refused", refusal.json) }
            if let claimed = partition.claimed { part.field("claimed", claimed.json) }
            parts.append(String(decoding: part.finish(), as: UTF8.self))
        }
        writer.rawArrayField("partitions", parts)
        return writer.finish()
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        catalogVersion = try object.optionalString("catalogVersion", maxBytes: 128)
        hub = try object.optionalObject("hub").map { value throws(SyncWireError) in try HubWitness(value) }
        partitions = []
        unreadable = []
        for part in try object.objects("partitions", maxCount: SyncWireFormat.maxPartitions) {
            // One partition that cannot be read holds back that learner only.
            let learner = try part.string("learner", maxBytes: 64)
            do throws(SyncWireError) {
                partitions.append(Partition(
                    learner: learner,
                    statements: try WireStatement.decodeAll(part),
                    records: try WireRecord.decodeAll(part),
                    next: try part.int64("next"),
                    more: try part.bool("more"),
                    refusal: try part.optionalObject("refused").map { refused throws(SyncWireError) in try PartitionRefusal(refused) },
                    claimed: try part.optionalObject("claimed").map { claimed throws(SyncWireError) in try WireLearner(claimed) }))
            } catch {
                unreadable.append(UnreadablePartition(learner: learner, error: error))
            }
        }
    }
}

/// Why the hub did not serve a partition: `{"code": "learner_not_held", "message": "…"}`.
///
/// ```swift
/// if let refusal = partition.refusal { print(refusal.code, refusal.message) }
/// ```
public struct PartitionRefusal: Sendable, Equatable {
    public var code: ErrorCode
    public var message: String

    public init(code: ErrorCode, message: String) {
        self.code = code
        self.message = message
    }

    public var json: JSONValue { .object(["code": .string(code.rawValue), "message": .string(message)]) }

    init(_ object: WireObject) throws(SyncWireError) {
        // A code this build does not know still reads (as `unrecognized`), with its message.
        code = ErrorCode(rawValue: try object.string("code", maxBytes: 64)) ?? .unrecognized
        message = try object.string("message", maxBytes: 1_024)
    }

    /// The hub's refusal of a learner the asking device neither created nor fetched.
    public static func learnerNotHeld(_ learner: String) -> PartitionRefusal {
        PartitionRefusal(code: .learnerNotHeld, message: SyncHubError.learnerNotHeld(learner).description)
    }
}

/// A partition of a pull answer that could not be read, and why.
///
/// ```swift
/// for problem in answer.unreadable { print(problem.learner, problem.error) }
/// ```
public struct UnreadablePartition: Sendable, Equatable {
    public var learner: String
    public var error: SyncWireError

    public init(learner: String, error: SyncWireError) {
        self.learner = learner
        self.error = error
    }
}
