extension XAPIFormat {
    /// An ISO 8601:2004 duration in the format with designators (section 4.4.3.2), the only one
    /// xAPI allows (Data 4.6): `P` then either `nW` alone, or `[nY][nM][nD][T[nH][nM][nS]]` with
    /// at least one component, at least one after a `T`, components in that order, and a decimal
    /// fraction (`.` or `,`) only on the last component written.
    ///
    /// `PT1H0M0.5S`, `P3Y1M29DT4H35M59.14S` and `P4W` pass; `P4W1D` (weeks mixed with days),
    /// `PT` and the alternative format `P0003-01-29T04:35:59` do not.
    static func isDuration(_ text: String) -> Bool {
        withBytes(text) { bytes in
            guard bytes.count >= 3, bytes[0] == UInt8(ascii: "P") else { return false }
            var i = 1
            var components = 0
            var sawFraction = false
            var inTime = false
            var nextRank = 0  // components of a part must come in Y M D (or H M S) order

            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "T") {
                    guard !inTime, i + 1 < bytes.count else { return false }
                    inTime = true
                    nextRank = 0
                    i += 1
                    continue
                }
                // Nothing may follow a component written with a fraction.
                guard !sawFraction else { return false }
                let numberStart = i
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
                guard i > numberStart, i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    let fractionStart = i
                    while i < bytes.count, isDigit(bytes[i]) { i += 1 }
                    guard i > fractionStart, i < bytes.count else { return false }
                    sawFraction = true
                }
                let designator = bytes[i]
                i += 1
                if !inTime, components == 0, designator == UInt8(ascii: "W") {
                    // Weeks stand alone.
                    return i == bytes.count
                }
                guard let rank = durationRank(designator, inTime: inTime), rank >= nextRank else { return false }
                nextRank = rank + 1
                components += 1
            }
            return components > 0
        }
    }

    /// The position of a designator within its part: Y M D for the date, H M S for the time.
    @inline(__always)
    private static func durationRank(_ designator: UInt8, inTime: Bool) -> Int? {
        switch (designator, inTime) {
        case (UInt8(ascii: "Y"), false), (UInt8(ascii: "H"), true): 0
        case (UInt8(ascii: "M"), _): 1
        case (UInt8(ascii: "D"), false), (UInt8(ascii: "S"), true): 2
        default: nil
        }
    }
}
