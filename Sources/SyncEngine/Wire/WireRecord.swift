import Basics

/// One mutable record of a learner as it travels: its key and its whole register state (merging a
/// whole state is idempotent, so sending it again is harmless).
///
/// ```swift
/// let record = WireRecord(key: "profile/email", state: state)
/// ```
public struct WireRecord: Sendable, Equatable {
    public var key: String
    public var state: RegisterState

    public init(key: String, state: RegisterState) {
        self.key = key
        self.state = state
    }

    public var json: JSONValue { .object(["key": .string(key), "state": state.json]) }

    public static func decodeAll(_ object: WireObject, key: String = "records") throws(SyncWireError) -> [WireRecord] {
        var result: [WireRecord] = []
        for record in try object.objects(key, maxCount: SyncWireFormat.maxBatchItems) {
            let recordKey = try record.string("key", maxBytes: RecordKey.maxKeyBytes)
            if let problem = RecordKey.problem(with: recordKey) { throw record.error("key", problem) }
            result.append(WireRecord(key: recordKey, state: try RegisterState(json: try record.value("state"), path: record.child("state"),
                                                                                maxValueBytes: RecordKey.maxValueBytes(for: recordKey))))
        }
        return result
    }
}
