import Crypto
import Basics

/// One batch of one partition (learner) from a device to the hub. See docs/SYNC.md.
///
/// ```swift
/// let push = PushRequest(replica: me, learner: ana, statements: rows, records: dirty)
/// let body = push.body()          // bytes to POST to /sync/v1/push
/// let back = try PushRequest(body: body)
/// ```
public struct PushRequest: Sendable {
    public var batch: String
    public var replica: ReplicaID
    public var learner: WireLearner
    public var statements: [WireStatement]
    public var records: [WireRecord]
    /// The newest hub state the device saw, checked before the batch is applied (as on a pull):
    /// a push answered by a hub that went back in time would otherwise move the device's witness
    /// past the evidence. Not part of the batch id: the same batch resent later keeps its id.
    public var witness: HubWitness?

    /// The batch id is the SHA-256 of what the batch says, so the same batch retried after a lost
    /// answer has the same id.
    public init(replica: ReplicaID, learner: WireLearner, statements: [WireStatement], records: [WireRecord]) {
        precondition(statements.count <= SyncWireFormat.maxBatchItems && records.count <= SyncWireFormat.maxBatchItems)
        self.replica = replica
        self.learner = learner
        self.statements = statements
        self.records = records
        var hasher = SHA256()
        hasher.update(data: Array(replica.rawValue.utf8) + [0])
        hasher.update(data: Array(learner.id.utf8) + [0])
        // A claim is part of what the batch says: a PIN change announced with an otherwise empty
        // batch must not be answered as the learner's first, empty announcement.
        if let claim = learner.claim { hasher.update(data: Array("claim\u{0}\(claim.signature)".utf8) + [0]) }
        // So is a reset statement: the same claim sent again with the statement is another batch.
        if let reset = learner.reset { hasher.update(data: Array("reset\u{0}".utf8) + reset.canonicalData() + [0]) }
        for statement in statements { hasher.update(data: Array(statement.json.utf8) + [0]) }
        for record in records { hasher.update(data: Array(WireRecord(key: record.key, state: record.state).json.encodedString.utf8) + [0]) }
        batch = hasher.finalize().map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    public func body() -> [UInt8] {
        var writer = JSONBodyWriter(capacity: 256 + statements.reduce(0) { $0 + $1.json.utf8.count + 1 })
        writer.field("format", .number(Double(SyncWireFormat.version)))
        writer.field("batch", .string(batch))
        writer.field("replica", .string(replica.rawValue))
        writer.field("learner", learner.json)
        writer.rawArrayField("statements", statements.lazy.map(\.json))
        writer.field("records", .array(records.map(\.json)))
        if let witness { writer.field("witness", witness.json) }
        return writer.finish()
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        // Statements are kept as the text the device sent (its stored canonical JSON), checked
        // as strictly as a full read but without a tree each: the hub needs only their ids.
        let parsed: (value: JSONValue, elements: [JSONSkim])
        do {
            parsed = try JSONValue.parse(body, skimmingElementsOf: "statements", members: WireStatement.skimmedMembers)
        } catch {
            throw SyncWireError(path: "", message: "the body is not JSON: \(error)")
        }
        let object = try SyncWireFormat.envelope(parsed.value)
        batch = try object.string("batch", maxBytes: 64)
        replica = try object.replica("replica")
        learner = try WireLearner(try object.object("learner"))
        statements = try WireStatement.decodeAll(object, skims: parsed.elements)
        records = try WireRecord.decodeAll(object)
        witness = try object.optionalObject("witness").map { value throws(SyncWireError) in try HubWitness(value) }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
