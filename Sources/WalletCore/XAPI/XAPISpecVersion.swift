/// The xAPI specification whose rules apply to a request or a statement.
///
/// A request names its version in the `X-Experience-API-Version` header. Every 1.0.x version shares
/// one data model, so they are all served with the 1.0.3 rules; 2.0 and its patch versions are
/// served with the IEEE 9274.1.1 (xAPI 2.0.0) rules.
///
/// ```swift
/// XAPISpecVersion(header: "1.0.1")   // .v1_0_3
/// XAPISpecVersion(header: "2.0")     // .v2_0_0
/// XAPISpecVersion(header: "1.1.0")   // nil: answer 400
/// ```
public enum XAPISpecVersion: Sendable, Hashable, CaseIterable {
    case v1_0_3
    case v2_0_0

    /// Parses a version header (or a statement's `version` property, which uses the same format).
    ///
    /// Accepts `1.0` and `1.0.x` (any patch number, as the 1.0.3 spec tells an LRS to accept every
    /// `1.0.` version), and `2.0` and `2.0.x` (2.0 says to treat `2.0` as `2.0.0` and to reject only
    /// versions below 2.0.0 or from 2.1.0 on). Anything else, such as `0.95`, `1.1.0` or `3.0.0`,
    /// gives `nil`.
    public init?(header: String) {
        guard let version = Self.semanticParts(header), version.minor == 0 else { return nil }
        switch version.major {
        case 1: self = .v1_0_3
        case 2: self = .v2_0_0
        default: return nil
        }
    }

    /// The value this wallet sends in `X-Experience-API-Version` for this version.
    public var headerValue: String {
        switch self {
        case .v1_0_3: "1.0.3"
        case .v2_0_0: "2.0.0"
        }
    }

    /// `MAJOR.MINOR` or `MAJOR.MINOR.PATCH`, plain decimal numbers without leading zeros, nothing
    /// else (no pre-release or build suffix: the xAPI header never carries one).
    private static func semanticParts(_ text: String) -> (major: Int, minor: Int)? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var numbers: [Int] = []
        numbers.reserveCapacity(3)
        for part in parts {
            guard !part.isEmpty, part.count <= 9,
                part.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                part == "0" || part.first != "0",
                let value = Int(part)
            else { return nil }
            numbers.append(value)
        }
        // The patch number only has to be well formed: every 1.0.x (and 2.0.x) shares one model.
        return (numbers[0], numbers[1])
    }
}
