import Basics

/// Typed, path-aware reads from a JSON object of a sync message, so every refusal names the
/// field and says what was expected.
///
/// ```swift
/// let learner = try object.string("learner")
/// let since = try object.int64("since")
/// ```
public struct WireObject: Sendable {
    public let fields: [String: JSONValue]
    public let path: String

    init(fields: [String: JSONValue], path: String) {
        self.fields = fields
        self.path = path
    }

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ message: String) -> SyncWireError {
        SyncWireError(path: child(key), message: message)
    }

    public func value(_ key: String) throws(SyncWireError) -> JSONValue {
        guard let value = fields[key] else { throw error(key, "missing") }
        return value
    }

    public func string(_ key: String, maxBytes: Int = 1_024) throws(SyncWireError) -> String {
        guard case .string(let s) = try value(key) else { throw error(key, "must be a string") }
        guard s.utf8.count <= maxBytes else { throw error(key, "longer than \(maxBytes) bytes") }
        return s
    }

    public func optionalString(_ key: String, maxBytes: Int = 1_024) throws(SyncWireError) -> String? {
        guard let value = fields[key], !value.isNull else { return nil }
        return try string(key, maxBytes: maxBytes)
    }

    public func int64(_ key: String, in range: ClosedRange<Int64> = 0...Int64(1) << 53) throws(SyncWireError) -> Int64 {
        guard case .number(let d) = try value(key), d.rounded(.towardZero) == d,
              d >= Double(range.lowerBound), d <= Double(range.upperBound)
        else { throw error(key, "must be a whole number in \(range.lowerBound)…\(range.upperBound)") }
        return Int64(d)
    }

    public func bool(_ key: String) throws(SyncWireError) -> Bool {
        guard case .bool(let b) = try value(key) else { throw error(key, "must be true or false") }
        return b
    }

    public func optionalObject(_ key: String) throws(SyncWireError) -> WireObject? {
        guard let value = fields[key], !value.isNull else { return nil }
        return try object(key)
    }

    public func object(_ key: String) throws(SyncWireError) -> WireObject {
        guard case .object(let o) = try value(key) else { throw error(key, "must be an object") }
        return WireObject(fields: o, path: child(key))
    }

    /// The elements of an array field, at most `maxCount`.
    public func array(_ key: String, maxCount: Int) throws(SyncWireError) -> [JSONValue] {
        guard case .array(let a) = try value(key) else { throw error(key, "must be an array") }
        guard a.count <= maxCount else { throw error(key, "has \(a.count) elements; at most \(maxCount) per message") }
        return a
    }

    public func objects(_ key: String, maxCount: Int) throws(SyncWireError) -> [WireObject] {
        let elements = try array(key, maxCount: maxCount)
        var result: [WireObject] = []
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            guard case .object(let o) = element else { throw error("\(key)[\(i)]", "must be an object") }
            result.append(WireObject(fields: o, path: child("\(key)[\(i)]")))
        }
        return result
    }

    public func replica(_ key: String) throws(SyncWireError) -> ReplicaID {
        let raw = try string(key, maxBytes: 64)
        guard let id = ReplicaID(validating: raw) else { throw error(key, "must be a replica id (lowercase letters, digits and '-')") }
        return id
    }
}
