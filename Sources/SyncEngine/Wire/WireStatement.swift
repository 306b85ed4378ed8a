import Basics

/// A statement as it travels: its id and the exact canonical JSON text the first store kept.
/// Statements of a pull answer also carry the parsed value, for the receiving PC's index; those
/// of a push do not (the hub keeps the text and reads it again only where it must: an achievement).
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

    /// The top-level members a skimmed statement is checked by, in the order `init(skim:path:)` reads them.
    static let skimmedMembers = ["id", "stored", "authority"]

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
        guard case .object(let fields) = value else { throw Self.notAnObject(path) }
        let json = raw ?? value.encodedString
        id = try Self.checkedID(fields["id"]?.stringValue, hasStored: fields["stored"]?.stringValue != nil, hasAuthority: fields["authority"] != nil,
                                bytes: json.utf8.count, nestingDepth: { value.nestingDepth }, path: path)
        self.json = json
        self.value = value
    }

    /// The same checks and refusals for a statement of a push, read without its tree
    /// (`JSONValue.parse(_:skimmingElementsOf:members:)` with `skimmedMembers`).
    init(skim: JSONSkim, path: String) throws(SyncWireError) {
        guard skim.isObject, skim.members.count == Self.skimmedMembers.count else { throw Self.notAnObject(path) }
        var id: String?
        if case .string(let text)? = skim.members[0] { id = text }
        var hasStored = false
        if case .string(_)? = skim.members[1] { hasStored = true }
        self.id = try Self.checkedID(id, hasStored: hasStored, hasAuthority: skim.members[2] != nil,
                                     bytes: skim.text.utf8.count, nestingDepth: { skim.nestingDepth }, path: path)
        json = skim.text
        value = nil
    }

    private static func notAnObject(_ path: String) -> SyncWireError {
        SyncWireError(path: path, message: "a statement must be an object")
    }

    /// The id, once the statement has all a synced statement carries and is within the limits.
    private static func checkedID(_ id: String?, hasStored: Bool, hasAuthority: Bool, bytes: Int, nestingDepth: () -> Int,
                                  path: String) throws(SyncWireError) -> String {
        guard let id, isUUID(id) else {
            throw SyncWireError(path: path + ".id", message: "a synced statement needs its id (a lowercase UUID)")
        }
        guard hasStored, hasAuthority else {
            throw SyncWireError(path: path, message: "a synced statement must carry stored and authority (set by the store that accepted it)")
        }
        // The limits walletd keeps at POST: a statement beyond them (stored by an older walletd)
        // is refused here, at the push, so it is held back on its own PC instead of making every
        // other PC's pull answer unreadable.
        if let problem = StatementLimits.problem(encodedBytes: bytes, nestingDepth: nestingDepth) {
            throw SyncWireError(code: problem.code, path: path, message: problem.message)
        }
        return id
    }

    static func isUUID(_ s: String) -> Bool {
        // The UTF-8 view, not an Array of it: this runs for every statement of every push.
        guard s.utf8.count == 36 else { return false }
        for (i, b) in s.utf8.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard b == UInt8(ascii: "-") else { return false }
            } else {
                guard (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) else { return false }
            }
        }
        return true
    }

    public static func decodeAll(_ object: WireObject, key: String = "statements") throws(SyncWireError) -> [WireStatement] {
        let elements = try object.array(key, maxCount: SyncWireFormat.maxBatchItems)
        var result: [WireStatement] = []
        result.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            result.append(try WireStatement(value: element, path: object.child("\(key)[\(i)]")))
        }
        return result
    }

    /// A push's statements, skimmed by the reader (their places in `object` hold null).
    static func decodeAll(_ object: WireObject, key: String = "statements", skims: [JSONSkim]) throws(SyncWireError) -> [WireStatement] {
        let elements = try object.array(key, maxCount: SyncWireFormat.maxBatchItems)
        guard skims.count == elements.count else {
            throw SyncWireError(path: object.child(key), message: "the statements could not be told apart (\(skims.count) read of \(elements.count))")
        }
        var result: [WireStatement] = []
        result.reserveCapacity(skims.count)
        for (i, skim) in skims.enumerated() {
            result.append(try WireStatement(skim: skim, path: object.child("\(key)[\(i)]")))
        }
        return result
    }
}
