/// The project's one timestamp formatter and parser: RFC 3339 / ISO 8601 UTC with milliseconds
/// (xAPI's `stored`, `since`/`until`, statement timestamps, credential dates, sync times).
///
/// Hand-written rather than `DateFormatter`/`ISO8601DateFormatter`: those are slow, allocate, and
/// silently accept or reject edge cases differently across platforms; this is a few integer
/// operations and behaves the same everywhere.
///
/// ```swift
/// Timestamp.format(millisecondsSince1970: 1_795_338_903_123) // "2026-11-22T09:15:03.123Z"
/// Timestamp.parse("2026-11-22T10:15:03.1239+01:00")                         // 1_795_338_903_123
/// ```
public enum Timestamp {
    /// `YYYY-MM-DDThh:mm:ss.fffZ` in UTC with millisecond precision, the form `stored` takes.
    /// Times before 1970 work too (proleptic Gregorian calendar).
    public static func format(millisecondsSince1970 ms: Int64) -> String {
        let (days, msOfDay) = floorDivision(ms, 86_400_000)
        let date = civilDate(fromDays: days)
        var out: [UInt8] = []
        out.reserveCapacity(24)
        if date.year < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(date.year.magnitude, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.month), width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.day), width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        appendDigits(UInt64(msOfDay / 3_600_000), width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(UInt64(msOfDay / 60_000 % 60), width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(UInt64(msOfDay / 1000 % 60), width: 2, to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(UInt64(msOfDay % 1000), width: 3, to: &out)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Milliseconds since 1970 of an ISO 8601 / RFC 3339 date-time with a time zone:
    /// `YYYY-MM-DDThh:mm:ss[.fraction]` then `Z` or `±hh:mm`. The fraction may have any number
    /// of digits; precision beyond the millisecond is dropped (rounded toward the past, so a
    /// `since` bound never moves later than what was asked). Nil when malformed, out of range,
    /// without a time zone, or with `-00:00` (which RFC 3339 reserves for "offset unknown").
    public static func parse(_ s: String) -> Int64? {
        guard let micros = parseMicroseconds(s, requireOffset: true) else { return nil }
        return floorDivision(micros, 1000).quotient
    }

    /// Microseconds since 1970. With `requireOffset: false` a missing offset (and `-00:00`) is
    /// read as UTC: statements may omit the time zone (xAPI only says SHOULD), and comparing or
    /// ordering them needs some reading.
    public static func parseMicroseconds(_ s: String, requireOffset: Bool) -> Int64? {
        var scan = TimestampScanner(bytes: Array(s.utf8))
        guard let year = scan.digits(4), scan.skip("-"),
              let month = scan.digits(2), scan.skip("-"),
              let day = scan.digits(2), scan.skip("T") || scan.skip("t"),
              let hour = scan.digits(2), scan.skip(":"),
              let minute = scan.digits(2), scan.skip(":"),
              let second = scan.digits(2)
        else { return nil }
        var micros: Int64 = 0
        if scan.skip(".") {
            var count = 0
            while let digit = scan.digit() {
                if count < 6 { micros = micros * 10 + Int64(digit) }
                count += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 6) { micros *= 10 }
        }
        var offsetSeconds: Int64 = 0
        if scan.skip("Z") || scan.skip("z") {
            offsetSeconds = 0
        } else if let sign: Int64 = scan.skip("+") ? 1 : (scan.skip("-") ? -1 : nil) {
            guard let offsetHour = scan.digits(2), scan.skip(":"), let offsetMinute = scan.digits(2),
                  offsetHour <= 23, offsetMinute <= 59
            else { return nil }
            if sign < 0, offsetHour == 0, offsetMinute == 0, requireOffset { return nil }
            offsetSeconds = sign * Int64(offsetHour * 3600 + offsetMinute * 60)
        } else if requireOffset {
            return nil
        }
        guard scan.atEnd,
              (1...12).contains(month), (1...daysInMonth(month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 59
        else { return nil }
        let days = daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - offsetSeconds
        return seconds * 1_000_000 + micros
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, days relative to 1970-01-01)

    public static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let q = value / divisor
        let r = value % divisor
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }

    /// Counts days in 400-year eras (146 097 days each) with years starting on 1 March, so the
    /// leap day falls at the end of a year and month lengths follow a fixed 153-day pattern.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivision(y, 400).quotient
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysFromCivil`.
    static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivision(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func appendDigits(_ value: UInt64, width: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        for _ in digits.count..<max(width, digits.count) { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: digits.reversed())
    }
}

/// A forward-only reader over ASCII bytes for the timestamp grammar.
private struct TimestampScanner {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    mutating func digit() -> Int? {
        guard position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9")
        else { return nil }
        defer { position += 1 }
        return Int(bytes[position] - UInt8(ascii: "0"))
    }

    /// Exactly `count` digits as a number, or nil (the position is then meaningless).
    mutating func digits(_ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let d = digit() else { return nil }
            value = value * 10 + d
        }
        return value
    }
}
