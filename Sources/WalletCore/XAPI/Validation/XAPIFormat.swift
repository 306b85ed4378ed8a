/// Hand-written scanners for the string formats the xAPI data model names (IRI, UUID, language tag,
/// ISO 8601 duration and timestamp, mailto IRI, media type, hex digests).
///
/// They work on the UTF-8 bytes directly: the validator runs on every statement a daemon receives,
/// so there is no regular expression to compile and no formatter to allocate per call.
///
/// ```swift
/// XAPIFormat.isUUID("6690e6c9-3ef0-4ed3-8b37-7f3964730bee")   // true
/// XAPIFormat.isIRI("ab=c://should.fail.com")                   // false: "ab=c" is no scheme
/// ```
enum XAPIFormat {}

extension XAPIFormat {
    /// Runs `body` over the string's UTF-8 bytes without copying a native string.
    @inline(__always)
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8(body)
    }

    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isAlphaNumeric(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
    @inline(__always) static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)
    }

    /// Reads `count` decimal digits at `index` as a number, or nil if any byte is not a digit.
    @inline(__always)
    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, count: Int) -> Int? {
        guard index >= 0, index + count <= bytes.count else { return nil }
        var value = 0
        for i in index..<(index + count) {
            let c = bytes[i]
            guard isDigit(c) else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }

    /// True when every byte is a hex digit and the length is one of `lengths`.
    static func isHex(_ text: String, lengths: Set<Int>) -> Bool {
        withBytes(text) { bytes in
            lengths.contains(bytes.count) && bytes.allSatisfy(isHexDigit)
        }
    }
}
