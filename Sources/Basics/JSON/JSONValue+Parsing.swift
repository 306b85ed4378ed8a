/// Why a JSON text could not be read, with the byte offset where reading stopped.
///
/// ```swift
/// do { _ = try JSONValue(data: body) } catch let error as JSONParseError { print(error.description) }
/// ```
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    public var description: String { "\(reason) at byte \(offset)" }
}

/// A strict RFC 8259 reader straight into `JSONValue`.
///
/// Why not `JSONDecoder`: decoding an untyped tree through `Codable` has to try each JSON type in
/// turn, which made parsing most of the cost of a statement write; and it silently keeps one of two
/// duplicate keys, where a statement with a repeated property must be refused. Nesting is bounded
/// (`maxDepth`) so that no body can exhaust the stack of the daemon.
struct JSONReader {
    static let maxDepth = JSONValue.maxNestingDepth

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// When set, the byte ranges of the elements of this top-level member (an array) are kept.
    var captureKey: String?
    private(set) var captured: [Range<Int>] = []
    /// When set, the elements of `captureKey` are skimmed (checked as strictly, no tree built:
    /// `JSONReader+Skim.swift`) and these top-level members of each element noted.
    var skimMembers: [String]?
    var skims: [JSONSkim] = []
    /// Skimming: the deepest level entered in the current element, and the keys of the objects
    /// being skimmed (one stack for all levels, each object using its own tail).
    var deepest = 0
    var skimmedKeys: [Range<Int>] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func readDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try readValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw fail("unexpected text after the JSON value") }
        return value
    }

    func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func readValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw fail("unexpected end of JSON") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try readArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        default: throw fail("unexpected character")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of JSON") }
        let base = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != base[offset] {
            throw fail("invalid literal")
        }
        index += count
    }

    private mutating func readObject(depth: Int) throws(JSONParseError) -> JSONValue {
        var object: [String: JSONValue] = [:]
        if try openContainer(depth: depth, closing: UInt8(ascii: "}")) { return .object(object) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a property name in double quotes") }
            let keyOffset = index
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after a property name") }
            index += 1
            skipWhitespace()
            let value: JSONValue
            if depth == 1, let captureKey, key == captureKey, index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                value = try readArray(depth: depth + 1, capturing: true)
            } else {
                value = try readValue(depth: depth)
            }
            guard object.updateValue(value, forKey: key) == nil else {
                throw JSONParseError(offset: keyOffset, reason: "property \"\(key)\" appears twice in one object")
            }
            if try readSeparator(closing: UInt8(ascii: "}"), in: "an object") { return .object(object) }
        }
    }

    private mutating func readArray(depth: Int, capturing: Bool = false) throws(JSONParseError) -> JSONValue {
        var array: [JSONValue] = []
        if try openContainer(depth: depth, closing: UInt8(ascii: "]")) { return .array(array) }
        while true {
            skipWhitespace()
            let start = index
            if capturing, let skimMembers {
                // The element's tree is not built: its place holds null (see `parse(_:skimmingElementsOf:members:)`).
                skims.append(try skimElement(depth: depth, members: skimMembers))
                array.append(.null)
            } else {
                array.append(try readValue(depth: depth))
            }
            if capturing { captured.append(start..<index) }
            if try readSeparator(closing: UInt8(ascii: "]"), in: "an array") { return .array(array) }
        }
    }

    /// Enters an object or array nested `depth` levels (refused past `maxDepth`): passes its
    /// opening bracket, and returns true when it is empty (its closing bracket passed too).
    mutating func openContainer(depth: Int, closing: UInt8) throws(JSONParseError) -> Bool {
        guard depth <= Self.maxDepth else { throw fail("JSON nested deeper than \(Self.maxDepth) levels") }
        index += 1
        skipWhitespace()
        guard index < bytes.count, bytes[index] == closing else { return false }
        index += 1
        return true
    }

    /// After a member or an element: true at the container's closing bracket, false after a comma
    /// (both passed over).
    mutating func readSeparator(closing: UInt8, in container: StaticString) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end of JSON inside \(container)") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; return false }
        if bytes[index] == closing { index += 1; return true }
        throw fail("expected ',' or '\(Character(Unicode.Scalar(closing)))' in \(container)")
    }

    mutating func readString() throws(JSONParseError) -> String {
        index += 1  // opening quote
        let start = index
        // Plain ASCII so far: such bytes are valid UTF-8, and `String(decoding:)` takes them
        // without `String(validating:)`'s unspecialised generic path (a metadata lookup per call,
        // a tenth of the cost of reading a statement).
        var ascii = true
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                let text: String
                if ascii {
                    text = String(decoding: slice, as: UTF8.self)
                } else {
                    guard let valid = String(validating: slice, as: UTF8.self) else { throw fail("string is not valid UTF-8") }
                    text = valid
                }
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw fail("control character inside a string") }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        var scalars = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: scalars, as: UTF8.self) else { throw fail("string is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw fail("unexpected end of JSON in an escape") }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try readHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("unpaired UTF-16 surrogate in \\u escape")
                        }
                        index += 2
                        let low = try readHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired UTF-16 surrogate in \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw fail("unpaired UTF-16 surrogate in \\u escape")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw fail("invalid escape in a string")
                }
            default:
                guard byte >= 0x20 else { throw fail("control character inside a string") }
                scalars.append(byte)
                index += 1
            }
        }
        throw fail("unterminated string")
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("unexpected end of JSON in a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("invalid hex digit in a \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    mutating func readNumber() throws(JSONParseError) -> Double {
        let start = try skipNumberText()
        return try numberValue(from: start)
    }

    /// Moves past a number's text (RFC 8259), refusing a malformed one; returns where it began.
    mutating func skipNumberText() throws(JSONParseError) -> Int {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw fail("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(bytes[index]) {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        } else {
            throw fail("invalid number")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number: digits must follow '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number: digits must follow the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return start
    }

    /// The value of the number text from `start` to the reader's position; refused when it does
    /// not fit a finite Double.
    func numberValue(from start: Int) throws(JSONParseError) -> Double {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw JSONParseError(offset: start, reason: "number out of range") }
        return value
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

extension JSONValue {
    /// Parses a document like `init(data:)` and also returns the exact text of each element of
    /// the top-level member `key` (an array), as sent. Sync uses it to pass stored statements on
    /// byte for byte without writing them again.
    ///
    /// ```swift
    /// let (body, statements) = try JSONValue.parse(bytes, keepingRawElementsOf: "statements")
    /// ```
    public static func parse(_ data: some Collection<UInt8>, keepingRawElementsOf key: String) throws(JSONParseError) -> (value: JSONValue, raw: [String]) {
        let array = Array(data)
        let result: Result<(JSONValue, [String]), JSONParseError> = array.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            reader.captureKey = key
            do throws(JSONParseError) {
                let value = try reader.readDocument()
                let raw = reader.captured.map { String(decoding: UnsafeBufferPointer(rebasing: buffer[$0]), as: UTF8.self) }
                return .success((value, raw))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
