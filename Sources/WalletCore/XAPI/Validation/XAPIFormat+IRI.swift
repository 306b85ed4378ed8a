extension XAPIFormat {
    /// An absolute IRI (RFC 3987), checked as far as an LRS is asked to: a scheme (a letter, then
    /// letters, digits, `+`, `-` or `.`), a colon, and a non-empty remainder free of the characters
    /// an IRI can never hold (spaces, controls, `<>"{}|\^` and backquote) with well-formed `%XX`
    /// escapes. Non-ASCII characters are allowed: that is what makes it an IRI rather than a URI.
    ///
    /// The spec lets an LRS validate IRIs and IRLs on a best-effort basis (Data 2.2.s4.b6) but
    /// requires it to reject any without a scheme; this is that best effort, used for IRLs too.
    static func isIRI(_ text: String) -> Bool {
        withBytes(text) { bytes in
            guard let first = bytes.first, isAlpha(first) else { return false }
            var i = 1
            while i < bytes.count, bytes[i] != UInt8(ascii: ":") {
                let c = bytes[i]
                guard isAlphaNumeric(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
                    || c == UInt8(ascii: ".")
                else { return false }
                i += 1
            }
            // The colon must be there, and something must follow it.
            guard i + 1 < bytes.count else { return false }
            return isIRIRemainder(bytes, from: i + 1)
        }
    }

    /// Checks the bytes after the scheme (or after `mailto:`), see `isIRI`.
    static func isIRIRemainder(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if c <= 0x20 || c == 0x7F { return false }
            switch c {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"),
                UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
                UInt8(ascii: "`"):
                return false
            case UInt8(ascii: "%"):
                guard i + 2 < bytes.count, isHexDigit(bytes[i + 1]), isHexDigit(bytes[i + 2]) else {
                    return false
                }
                i += 3
                continue
            default:
                break
            }
            i += 1
        }
        return true
    }

    /// `mailto:` followed by one e-mail address: a non-empty local part, one `@`, a non-empty
    /// domain, and nothing an IRI cannot carry. The Agent `mbox` format (Data 2.4.2.3).
    private static let mailtoPrefix: [UInt8] = Array("mailto:".utf8)

    static func isMailtoIRI(_ text: String) -> Bool {
        withBytes(text) { bytes in
            let prefixCount = mailtoPrefix.count
            guard bytes.count > prefixCount else { return false }
            // The scheme is compared exactly: the spec spells the format "mailto:email address".
            for i in 0..<prefixCount where bytes[i] != mailtoPrefix[i] { return false }
            var at = -1
            for i in prefixCount..<bytes.count where bytes[i] == UInt8(ascii: "@") {
                guard at < 0 else { return false }
                at = i
            }
            guard at > prefixCount, at < bytes.count - 1 else { return false }
            return isIRIRemainder(bytes, from: prefixCount)
        }
    }
}
