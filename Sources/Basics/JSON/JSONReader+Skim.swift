/// What the sync reader learned about one element of an array it skimmed rather than read into a
/// `JSONValue`: its exact text, whether it is an object, how deeply it nests, and the named
/// top-level members it was asked for. Reading it was exactly as strict as `JSONValue(data:)`
/// (the same refusals, at the same byte, with the same words): only no tree was built.
///
/// ```swift
/// let (body, elements) = try JSONValue.parse(bytes, skimmingElementsOf: "statements", members: ["id", "stored"])
/// if case .string(let id)? = elements[0].members[0] { print(id, elements[0].nestingDepth) }
/// ```
public struct JSONSkim: Sendable, Equatable {
    /// A top-level member of an object element: a string (its decoded value) or anything else.
    public enum Member: Sendable, Equatable {
        case string(String)
        case other
    }

    /// The element's text exactly as sent.
    public var text: String
    public var isObject: Bool
    /// Levels of objects and arrays, counted as `JSONValue.nestingDepth` counts them.
    public var nestingDepth: Int
    /// For each name asked for, in that order: the element's member of that name, or nil (also
    /// for an element that is not an object).
    public var members: [Member?]
}

extension JSONValue {
    /// Parses a document like `init(data:)`, refusing exactly what it refuses, but reads the
    /// elements of the top-level array member `key` without building their trees: each is
    /// skimmed into a `JSONSkim` (its text, depth and the top-level `members` named), and its
    /// place in the returned value holds `.null`. A sync push uses it: the hub keeps a statement
    /// as the text it was sent and needs only its id, `stored`, `authority` and size, so building
    /// (and freeing) a dictionary per object of every statement was a third of its CPU.
    ///
    /// ```swift
    /// let (body, statements) = try JSONValue.parse(bytes, skimmingElementsOf: "statements", members: ["id"])
    /// ```
    public static func parse(_ data: some Collection<UInt8>, skimmingElementsOf key: String,
                             members: [String]) throws(JSONParseError) -> (value: JSONValue, elements: [JSONSkim]) {
        let array = Array(data)
        let result: Result<(JSONValue, [JSONSkim]), JSONParseError> = array.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            reader.captureKey = key
            reader.skimMembers = members
            do throws(JSONParseError) {
                let value = try reader.readDocument()
                var skims = reader.skims
                // A document naming `key` twice is refused above, so texts and skims pair up.
                for (i, range) in reader.captured.enumerated() where i < skims.count {
                    skims[i].text = String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
                }
                return .success((value, skims))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// Skimming: the reader's checks without its tree. Every refusal is the one `readValue` gives at
/// the same byte (the same grammar code where it can be shared: literals, number grammar and
/// range, strings with escapes or non-ASCII bytes, which are read by `readString` itself), and
/// checks happen in the same order (a duplicate key after its value, as `readObject` does).
extension JSONReader {
    /// Objects with more keys than this check duplicates through a set instead of comparing
    /// each new key with every earlier one.
    static let keysComparedInPlace = 16

    mutating func skimElement(depth: Int, members names: [String]) throws(JSONParseError) -> JSONSkim {
        deepest = depth
        var skim = JSONSkim(text: "", isObject: false, nestingDepth: 0, members: Array(repeating: nil, count: names.count))
        if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
            skim.isObject = true
            try skimObject(depth: depth + 1, names: names, members: &skim.members)
        } else {
            try skimValue(depth: depth)
        }
        skim.nestingDepth = deepest - depth
        return skim
    }

    mutating func skimValue(depth: Int) throws(JSONParseError) {
        guard index < bytes.count else { throw fail("unexpected end of JSON") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            var none: [JSONSkim.Member?] = []
            try skimObject(depth: depth + 1, names: [], members: &none)
        case UInt8(ascii: "["): try skimArray(depth: depth + 1)
        case UInt8(ascii: "\""): _ = try skimString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = try skipNumberText()
            // Only an exponent or more than 300 digits can take a number past Double's range
            // (about 1.8e308); those are converted, exactly as the reader converts them.
            if index - start > 300 || bytes[start..<index].contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
                _ = try numberValue(from: start)
            }
        default: throw fail("unexpected character")
        }
    }

    /// Skims a string. An ASCII string without escapes is checked in place and its byte range
    /// returned; any other is read by `readString` (same checks, same errors) and returned decoded.
    private mutating func skimString() throws(JSONParseError) -> SkimmedString {
        let quote = index
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return .ascii(start..<(index - 1))
            }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { break }
            index += 1
        }
        index = quote
        return .decoded(try readString())
    }

    private mutating func skimArray(depth: Int) throws(JSONParseError) {
        let empty = try openContainer(depth: depth, closing: UInt8(ascii: "]"))
        deepest = max(deepest, depth)
        if empty { return }
        while true {
            skipWhitespace()
            try skimValue(depth: depth)
            if try readSeparator(closing: UInt8(ascii: "]"), in: "an array") { return }
        }
    }

    /// `names`: the members to note in `members` (the element's own top level only).
    private mutating func skimObject(depth: Int, names: [String], members: inout [JSONSkim.Member?]) throws(JSONParseError) {
        let empty = try openContainer(depth: depth, closing: UInt8(ascii: "}"))
        deepest = max(deepest, depth)
        if empty { return }
        let frame = skimmedKeys.count
        defer { skimmedKeys.removeSubrange(frame...) }
        // Set once a key is not plain ASCII (Swift compares such keys by canonical equivalence, as
        // the reader's dictionary does) or the object grows past `keysComparedInPlace`.
        var named: Set<String>?
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a property name in double quotes") }
            let keyOffset = index
            let key = try skimString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after a property name") }
            index += 1
            skipWhitespace()
            if let slot = names.firstIndex(where: { key.equals($0, in: bytes) }) {
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                    members[slot] = .string(try readString())
                } else {
                    try skimValue(depth: depth)
                    members[slot] = .other
                }
            } else {
                try skimValue(depth: depth)
            }
            if isRepeated(key, frame: frame, named: &named) {
                throw JSONParseError(offset: keyOffset, reason: "property \"\(key.text(in: bytes))\" appears twice in one object")
            }
            if try readSeparator(closing: UInt8(ascii: "}"), in: "an object") { return }
        }
    }

    /// Whether `key` was already a key of the object whose plain keys start at `frame`; notes it.
    private mutating func isRepeated(_ key: SkimmedString, frame: Int, named: inout Set<String>?) -> Bool {
        if named == nil, case .ascii(let range) = key, skimmedKeys.count - frame < Self.keysComparedInPlace {
            let candidate = UnsafeBufferPointer(rebasing: bytes[range])
            for earlier in skimmedKeys[frame...] where earlier.count == range.count {
                if UnsafeBufferPointer(rebasing: bytes[earlier]).elementsEqual(candidate) { return true }
            }
            skimmedKeys.append(range)
            return false
        }
        if named == nil {
            named = Set(skimmedKeys[frame...].map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) })
        }
        return named?.insert(key.text(in: bytes)).inserted == false
    }
}

/// A skimmed string: plain ASCII left in place, or decoded by the reader.
enum SkimmedString {
    case ascii(Range<Int>)
    case decoded(String)

    func text(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .ascii(let range): String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        case .decoded(let text): text
        }
    }

    /// String equality as the reader's dictionary sees it (ASCII against ASCII: the same bytes;
    /// otherwise canonical equivalence, by which "K" equals the Kelvin sign).
    func equals(_ name: String, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .ascii(let range):
            guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return text(in: bytes) == name }
            guard name.utf8.count == range.count else { return false }
            return name.utf8.elementsEqual(UnsafeBufferPointer(rebasing: bytes[range]))
        case .decoded(let text): return text == name
        }
    }
}
