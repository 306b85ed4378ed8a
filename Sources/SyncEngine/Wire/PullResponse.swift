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

        public init(learner: String, statements: [WireStatement], records: [WireRecord], next: Int64, more: Bool) {
            self.learner = learner
            self.statements = statements
            self.records = records
            self.next = next
            self.more = more
        }
    }

    public var catalogVersion: String?
    public var partitions: [Partition]
    /// Where the hub stands as it answers (nil from a hub older than epochs).
    public var hub: HubWitness?

    public init(catalogVersion: String?, partitions: [Partition], hub: HubWitness? = nil) {
        self.catalogVersion = catalogVersion
        self.partitions = partitions
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
        for part in try object.objects("partitions", maxCount: SyncWireFormat.maxPartitions) {
            partitions.append(Partition(
                learner: try part.string("learner", maxBytes: 64),
                statements: try WireStatement.decodeAll(part),
                records: try WireRecord.decodeAll(part),
                next: try part.int64("next"),
                more: try part.bool("more")))
        }
    }
}
