import Foundation
import Basics

/// `{"siblings": [{"dot": ["replica", 3], "value": …}], "context": {"replica": 3}}`
extension RegisterState {
    public var json: JSONValue {
        .object([
            "siblings": .array(siblings.map { .object(["dot": .array([.string($0.dot.replica.rawValue), .number(Double($0.dot.counter))]), "value": $0.value]) }),
            "context": .object(Dictionary(uniqueKeysWithValues: context.counters.map { ($0.key.rawValue, .number(Double($0.value))) })),
        ])
    }

    /// `maxValueBytes`: the bound for the record's key (`RecordKey.maxValueBytes(for:)`).
    public init(json: JSONValue, path: String, maxValueBytes: Int = RecordKey.maxValueBytes) throws(SyncWireError) {
        guard case .object(let fields) = json else { throw SyncWireError(path: path, message: "a record state must be an object") }
        let object = WireObject(fields: fields, path: path)
        let contextObject = try object.object("context")
        var counters: [ReplicaID: UInt64] = [:]
        for key in contextObject.fields.keys {
            guard let replica = ReplicaID(validating: key) else { throw contextObject.error(key, "not a replica id") }
            counters[replica] = UInt64(try contextObject.int64(key))
        }
        var siblings: [Sibling] = []
        for sibling in try object.objects("siblings", maxCount: RegisterState.maxSiblings) {
            let dot = try sibling.array("dot", maxCount: 2)
            guard dot.count == 2, let raw = dot[0].stringValue, let replica = ReplicaID(validating: raw),
                  let counter = dot[1].doubleValue, counter >= 1, counter <= Double(Int64(1) << 53), counter.rounded(.towardZero) == counter
            else { throw sibling.error("dot", "must be [replica id, counter ≥ 1]") }
            let value = try sibling.value("value")
            guard value.encodedString.utf8.count <= maxValueBytes else {
                throw sibling.error("value", "longer than \(maxValueBytes) bytes")
            }
            siblings.append(Sibling(dot: Dot(replica: replica, counter: UInt64(counter)), value: value))
        }
        self.init(siblings: siblings, context: VersionVector(counters))
    }
}

extension RegisterState {
    /// A state read back from a store's JSON text (walletd's `record`, the hub's `hub_record`).
    /// Throws when the text is not a state: a damaged database, never user input.
    public init(storedJSON text: String) throws {
        let value: JSONValue
        do {
            value = try JSONValue(data: Data(text.utf8))
        } catch {
            throw SyncWireError(path: "record", message: "stored record is not JSON: \(error)")
        }
        try self.init(json: value, path: "record", maxValueBytes: RecordKey.maxCredentialValueBytes)
    }
}
