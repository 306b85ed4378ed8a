/// Lowercase hexadecimal, the one spelling of digests and fingerprints in this project
/// (token and code hashes at rest, catalog versions).
///
/// ```swift
/// Hex.lowercase([0xde, 0xad, 0x01])   // "dead01"
/// ```
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
