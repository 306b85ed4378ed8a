extension XAPIFormat {
    /// An Internet media type (RFC 6838 / RFC 9110 8.3.1): `type/subtype`, both HTTP tokens,
    /// optionally followed by `;` parameters. Parameters are only checked for control characters:
    /// the attachment's `contentType` is compared with the part's header, not interpreted.
    static func isMediaType(_ text: String) -> Bool {
        withBytes(text) { bytes in
            var i = 0
            let typeStart = i
            while i < bytes.count, isTokenByte(bytes[i]) { i += 1 }
            guard i > typeStart, i < bytes.count, bytes[i] == UInt8(ascii: "/") else { return false }
            i += 1
            let subtypeStart = i
            while i < bytes.count, isTokenByte(bytes[i]) { i += 1 }
            guard i > subtypeStart else { return false }
            while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
            guard i < bytes.count else { return true }
            guard bytes[i] == UInt8(ascii: ";") else { return false }
            for c in bytes[(i + 1)...] where (c < 0x20 && c != UInt8(ascii: "\t")) || c == 0x7F {
                return false
            }
            return true
        }
    }

    /// RFC 9110 `tchar`: letters, digits and ``!#$%&'*+-.^_`|~``.
    @inline(__always)
    private static func isTokenByte(_ c: UInt8) -> Bool {
        if isAlphaNumeric(c) { return true }
        switch c {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
