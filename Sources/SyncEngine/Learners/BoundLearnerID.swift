import Crypto
import Basics

/// Learner ids bound to a holder key: a UUID-shaped text made from the SHA-256 of the holder
/// DID, marked as such by its version digit `8` (RFC 9562's "custom" UUID; walletd's older
/// random ids are version 4). Nobody without the key can sign a claim (`WireLearnerClaim`) for
/// a bound id, so the repository creates a learner with a bound id only from a claim signed by
/// the key it is derived from: an id seen in `learner list` cannot be taken first by another
/// device.
///
/// ```swift
/// let id = BoundLearnerID.make(holderDID: key.didKey.did)   // "3f2a…-…-8…-…"
/// BoundLearnerID.isBound(id)                                 // true
/// BoundLearnerID.isBound(UUID().uuidString.lowercased())     // false (version 4)
/// ```
public enum BoundLearnerID {
    public static func make(holderDID did: String) -> String {
        var bytes = Array(SHA256.hash(data: Array("learner-wallet learner id v1\u{0}\(did)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x80   // version 8
        bytes[8] = (bytes[8] & 0x3f) | 0x80   // RFC 9562 variant
        let hex = Hex.lowercase(bytes)
        let cuts = [8, 4, 4, 4, 12]
        var parts: [Substring] = []
        var start = hex.startIndex
        for length in cuts {
            let end = hex.index(start, offsetBy: length)
            parts.append(hex[start..<end])
            start = end
        }
        return parts.joined(separator: "-")
    }

    /// True for a text shaped like a bound id (lowercase UUID of version 8): such an id is
    /// created at the repository only with a claim of the key it is derived from.
    public static func isBound(_ id: String) -> Bool {
        let chars = Array(id.utf8)
        guard chars.count == 36 else { return false }
        for (i, c) in chars.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                guard c == UInt8(ascii: "-") else { return false }
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c) else { return false }
            }
        }
        return chars[14] == UInt8(ascii: "8")
    }

    /// True when `id` is the bound id of `did`.
    public static func id(_ id: String, isBoundTo did: String) -> Bool { make(holderDID: did) == id }
}
