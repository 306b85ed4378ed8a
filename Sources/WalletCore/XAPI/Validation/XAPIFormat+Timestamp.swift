extension XAPIFormat {
    /// An ISO 8601 combined date and time in the RFC 3339 profile the spec recommends:
    ///
    ///     YYYY-MM-DDThh:mm:ss[.fraction][Z | ±hh:mm]
    ///
    /// Calendar ranges are checked (month length, leap years). `t` and `z` may be lower case
    /// (RFC 3339 5.6). A negative zero offset (`-00:00`, and `-00` or `-0000`, which are not
    /// RFC 3339 anyway) is refused: RFC 3339 gives it the meaning "offset unknown", which is not
    /// a point in time an LRS can convert to UTC.
    ///
    /// Deliberately narrower than all of ISO 8601: no basic format, no reduced precision, no
    /// comma before the fraction, no hour-only offset, no leap second 60. What passes here is what
    /// `Timestamp.parseMicroseconds` can read to order and compare statements, so a
    /// statement is never accepted with a timestamp the store cannot place in time.
    ///
    /// The time zone itself may be left out. The 1.0.3 spec says a timestamp SHOULD include one;
    /// IEEE 9274.1.1 (xAPI 2.0) asks the LRS to convert timestamps to UTC "rather than rejecting"
    /// them, and does not make a missing zone a reason to reject. The store reads such a value as
    /// UTC.
    static func isTimestamp(_ text: String) -> Bool {
        withBytes(text) { bytes in
            // Shortest form: 2008-09-15T15:53:00 (19 bytes).
            guard bytes.count >= 19,
                let year = digits(bytes, at: 0, count: 4), bytes[4] == UInt8(ascii: "-"),
                let month = digits(bytes, at: 5, count: 2), bytes[7] == UInt8(ascii: "-"),
                let day = digits(bytes, at: 8, count: 2),
                bytes[10] | 0x20 == UInt8(ascii: "t"),
                let hour = digits(bytes, at: 11, count: 2), bytes[13] == UInt8(ascii: ":"),
                let minute = digits(bytes, at: 14, count: 2), bytes[16] == UInt8(ascii: ":"),
                let second = digits(bytes, at: 17, count: 2)
            else { return false }
            guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
                hour <= 23, minute <= 59, second <= 59
            else { return false }

            var i = 19
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                let fractionStart = i
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
                guard i > fractionStart else { return false }
            }
            guard i < bytes.count else { return true }  // no time zone

            switch bytes[i] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                return i + 1 == bytes.count
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let negative = bytes[i] == UInt8(ascii: "-")
                guard i + 6 == bytes.count,
                    let offsetHours = digits(bytes, at: i + 1, count: 2), offsetHours <= 23,
                    bytes[i + 3] == UInt8(ascii: ":"),
                    let offsetMinutes = digits(bytes, at: i + 4, count: 2), offsetMinutes <= 59
                else { return false }
                return !(negative && offsetHours == 0 && offsetMinutes == 0)
            default:
                return false
            }
        }
    }

    @inline(__always)
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
