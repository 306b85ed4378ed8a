/// Base58 with the Bitcoin alphabet (the `z` multibase of did:key and of `proofValue`).
///
/// ```swift
/// Base58.encode([0, 0, 1])       // "112"
/// Base58.decode("112")           // [0, 0, 1]
/// ```
public enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    static let index: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    public static func encode(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix(while: { $0 == 0 }).count
        // Big-endian base-58 digits, built by repeated multiply-add (inputs here are ≤ 100 bytes).
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count * 138 / 100 + 1)
        for byte in bytes[zeros...] {
            var carry = Int(byte)
            for i in digits.indices.reversed() {
                carry += Int(digits[i]) << 8
                digits[i] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.insert(UInt8(carry % 58), at: 0)
                carry /= 58
            }
        }
        var out = [UInt8](repeating: alphabet[0], count: zeros)
        out.append(contentsOf: digits.map { alphabet[Int($0)] })
        return String(decoding: out, as: UTF8.self)
    }

    /// nil when a character is outside the alphabet or the text is longer than any key or
    /// signature we read (256 characters).
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count <= 256 else { return nil }
        let zeros = chars.prefix(while: { $0 == alphabet[0] }).count
        var bytes: [UInt8] = []
        for c in chars[zeros...] {
            guard c < 128, index[Int(c)] >= 0 else { return nil }
            var carry = Int(index[Int(c)])
            for i in bytes.indices.reversed() {
                carry += Int(bytes[i]) * 58
                bytes[i] = UInt8(carry & 0xff)
                carry >>= 8
            }
            while carry > 0 {
                bytes.insert(UInt8(carry & 0xff), at: 0)
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + bytes
    }
}
