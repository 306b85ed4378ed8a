import Basics

/// A statement as it travels: its id and the exact canonical JSON text the first store kept.
/// Received statements also carry the parsed value, for the receiver's index.
///
/// ```swift
/// let outgoing = WireStatement(id: row.id, json: row.json)            // from the database, not parsed
/// let incoming = try WireStatement(value: element, path: "statements[0]")
/// ```
public struct WireStatement: Sendable, Equatable {
    public let id: String
    public let json: String
    public let value: JSONValue?

    /// The largest statement accepted through sync, in bytes of canonical JSON: the limit
    /// walletd's statement API keeps (`StatementLimits`), so the wire carries whatever it took.
    public static let maxBytes = StatementLimits.maxBytes

    public init(id: String, json: String) {
        self.id = id
        self.json = json
        value = nil
    }

    /// Checks the shape every synced statement has: an object with a UUID `id`, and `stored` and
    /// `authority`, which only a store that accepted it sets. Its full xAPI validity was checked by
    /// that store; the id and content decide how it merges.
    /// `raw`, when given, is the statement's text exactly as received (the sender's stored
    /// canonical text), kept instead of writing the parsed value again.
    public init(value: JSONValue, raw: String? = nil, path: String) throws(SyncWireError) {
        guard case .object(let fields) = value else { throw SyncWireError(path: path, message: "a statement must be an object") }
        guard let id = fields["id"]?.stringValue, Self.isUUID(id) else {
            throw SyncWireError(path: path + ".id", message: "a synced statement needs its id (a lowercase UUID)")
        }
        guard fields["stored"]?.stringValue != nil, fields["authority"] != nil else {
            throw SyncWireError(path: path, message: "a synced statement must carry stored and authority (set by the store that accepted it)")
        }
        let json = raw ?? value.encodedString
        // The limits walletd keeps at POST: a statement beyond them (stored by an older walletd)
        // is refused here, at the push, so it is held back on its own PC instead of making every
        // other PC's pull answer unreadable.
        if let problem = StatementLimits.problem(with: value, encodedBytes: json.utf8.count) {
            throw SyncWireError(code: problem.code, path: path, message: problem.message)
        }
        self.id = id
        self.json = json
        self.value = value
    }

    static func isUUID(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard bytes.count == 36 else { return false }
        for (i, b) in bytes.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard b == UInt8(ascii: "-") else { return false }
            } else {
                guard (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) else { return false }
            }
        }
        return true
    }

    public static func decodeAll(_ object: WireObject, key: String = "statements", raw: [String]? = nil) throws(SyncWireError) -> [WireStatement] {
        let elements = try object.array(key, maxCount: SyncWireFormat.maxBatchItems)
        var result: [WireStatement] = []
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            let text = raw.flatMap { $0.count == elements.count ? $0[i] : nil }
            result.append(try WireStatement(value: element, raw: text, path: object.child("\(key)[\(i)]")))
        }
        return result
    }
}
