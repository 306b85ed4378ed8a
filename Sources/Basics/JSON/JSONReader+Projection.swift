/// Which parts of a JSON document to read into a tree: the whole value, or, of an object, only the
/// named members (each read by its own projection). Every other part is skimmed: checked exactly
/// as strictly as `JSONValue(data:)` checks it, with no tree built.
///
/// ```swift
/// let verbOnly: JSONProjection = .members(["verb": .members(["id": .whole])])
/// let value = try JSONValue.parse(text, keeping: verbOnly)   // at most {"verb":{"id":…}}
/// ```
public indirect enum JSONProjection: Sendable {
    case whole
    /// Of an object, these members only; a value that is not an object is read whole.
    case members([String: JSONProjection])
}

extension JSONValue {
    /// Parses `text` like `init(data:)`, refusing exactly what it refuses (anywhere in the text,
    /// also in the parts it leaves out), but the value holds only what `projection` names. A
    /// reader of a few members (the hub's achievement check on a pushed statement) gets the same
    /// answer from it as from the whole tree, without building and freeing a dictionary per object.
    ///
    /// ```swift
    /// let value = try JSONValue.parse(#"{"verb":{"id":"v","display":{"en":"x"}},"actor":{}}"#,
    ///                                 keeping: .members(["verb": .members(["id": .whole])]))
    /// // value == ["verb": ["id": "v"]]
    /// ```
    public static func parse(_ text: String, keeping projection: JSONProjection) throws(JSONParseError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONParseError> = text.withUTF8 { buffer in
            var reader = JSONReader(buffer)
            do throws(JSONParseError) {
                return .success(try reader.readDocument(keeping: projection))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

extension JSONReader {
    mutating func readDocument(keeping projection: JSONProjection) throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try readValue(depth: 0, keeping: projection)
        skipWhitespace()
        guard index == bytes.count else { throw fail("unexpected text after the JSON value") }
        return value
    }

    private mutating func readValue(depth: Int, keeping projection: JSONProjection) throws(JSONParseError) -> JSONValue {
        if case .members(let names) = projection, index < bytes.count, bytes[index] == UInt8(ascii: "{") {
            return try readObject(depth: depth + 1, keeping: names)
        }
        return try readValue(depth: depth)
    }

    /// `readObject` for the named members: the others are skimmed. Keys are compared as Swift
    /// strings, as the full reader's dictionary compares them, and a repeated key is refused after
    /// its value, where the full reader refuses it.
    private mutating func readObject(depth: Int, keeping names: [String: JSONProjection]) throws(JSONParseError) -> JSONValue {
        var object: [String: JSONValue] = [:]
        if try openContainer(depth: depth, closing: UInt8(ascii: "}")) { return .object(object) }
        // Keys seen, compared in place while few (hashing each was a third of this reader's
        // cost on a statement); a set past `keysComparedInPlace`.
        var keys: [String] = []
        var manyKeys: Set<String>?
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a property name in double quotes") }
            let keyOffset = index
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after a property name") }
            index += 1
            skipWhitespace()
            // The few names are compared in turn, not looked up by hash.
            if let wanted = names.first(where: { $0.key == key })?.value {
                object[key] = try readValue(depth: depth, keeping: wanted)
            } else {
                try skimValue(depth: depth)
            }
            if manyKeys == nil, keys.count >= Self.keysComparedInPlace { manyKeys = Set(keys) }
            let repeated: Bool
            if manyKeys != nil {
                repeated = manyKeys?.insert(key).inserted == false
            } else {
                repeated = keys.contains(key)
                keys.append(key)
            }
            guard !repeated else {
                throw JSONParseError(offset: keyOffset, reason: "property \"\(key)\" appears twice in one object")
            }
            if try readSeparator(closing: UInt8(ascii: "}"), in: "an object") { return .object(object) }
        }
    }
}
