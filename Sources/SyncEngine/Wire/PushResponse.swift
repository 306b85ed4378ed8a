import Basics

/// The hub's acknowledgement of one push batch. Once the device has it, the batch is durable on
/// the hub and the device moves its push checkpoint.
///
/// ```swift
/// let ack = try PushResponse(body: answer.body)
/// ack.accepted + ack.duplicates + ack.conflicts.count == push.statements.count
/// ```
public struct PushResponse: Sendable, Equatable {
    public var batch: String
    public var accepted: Int
    public var duplicates: Int
    /// Ids the hub already held with different content (both versions are kept there).
    public var conflicts: [String]
    public var recordsMerged: Int
    /// True when the hub had already applied this batch and answered from its log.
    public var replayed: Bool
    /// Where the hub stands once the batch is applied (nil from a hub older than epochs).
    public var hub: HubWitness?

    public init(batch: String, accepted: Int, duplicates: Int, conflicts: [String], recordsMerged: Int, replayed: Bool,
                hub: HubWitness? = nil) {
        self.hub = hub
        self.batch = batch
        self.accepted = accepted
        self.duplicates = duplicates
        self.conflicts = conflicts
        self.recordsMerged = recordsMerged
        self.replayed = replayed
    }

    public var json: JSONValue {
        var fields: [String: JSONValue] = [
            "format": .number(Double(SyncWireFormat.version)), "batch": .string(batch),
            "accepted": .number(Double(accepted)), "duplicates": .number(Double(duplicates)),
            "conflicts": .array(conflicts.map(JSONValue.string)), "recordsMerged": .number(Double(recordsMerged)),
            "replayed": .bool(replayed),
        ]
        if let hub { fields["hub"] = hub.json }
        return .object(fields)
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        batch = try object.string("batch", maxBytes: 64)
        accepted = Int(try object.int64("accepted"))
        duplicates = Int(try object.int64("duplicates"))
        conflicts = try object.array("conflicts", maxCount: SyncWireFormat.maxBatchItems).compactMap(\.stringValue)
        recordsMerged = Int(try object.int64("recordsMerged"))
        replayed = try object.bool("replayed")
        hub = try object.optionalObject("hub").map { value throws(SyncWireError) in try HubWitness(value) }
    }
}
