extension XAPIFormat {
    /// A UUID in the standard string form, `8-4-4-4-12` hex digits, in any letter case.
    ///
    /// Only the form is required (Data 4.4): RFC 4122 variant 2 is recommended, not required, so
    /// the variant and version nibbles are not checked.
    static func isUUID(_ text: String) -> Bool {
        withBytes(text) { bytes in
            guard bytes.count == 36 else { return false }
            for (i, c) in bytes.enumerated() {
                switch i {
                case 8, 13, 18, 23:
                    guard c == UInt8(ascii: "-") else { return false }
                default:
                    guard isHexDigit(c) else { return false }
                }
            }
            return true
        }
    }
}
