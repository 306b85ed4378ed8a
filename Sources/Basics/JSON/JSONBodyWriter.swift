/// Writes a JSON object field by field, where some fields are arrays of JSON texts that are
/// already serialized (stored statements). Sync batches are built this way so that a statement
/// kept as canonical text is copied into the body, not parsed and written again.
///
/// ```swift
/// var body = JSONBodyWriter()
/// body.field("format", 1)
/// body.rawArrayField("statements", [#"{"id":"…"}"#])
/// let bytes = body.finish()   // {"format":1,"statements":[{"id":"…"}]}
/// ```
public struct JSONBodyWriter: Sendable {
    private var bytes: [UInt8]
    private var empty = true

    public init(capacity: Int = 1_024) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    private mutating func key(_ name: String) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        JCSWriter.writeString(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func field(_ name: String, _ value: JSONValue) {
        key(name)
        JCSWriter.write(value, into: &bytes)
    }

    /// `elements` must each be one complete JSON value (the caller's stored canonical text).
    public mutating func rawArrayField<S: Sequence>(_ name: String, _ elements: S) where S.Element == String {
        key(name)
        bytes.append(UInt8(ascii: "["))
        var first = true
        for element in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            bytes.append(contentsOf: element.utf8)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public func finish() -> [UInt8] { bytes + [UInt8(ascii: "}")] }
}
