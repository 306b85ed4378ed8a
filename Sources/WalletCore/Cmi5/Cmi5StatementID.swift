import Crypto
import Foundation

/// Statement ids walletd derives rather than draws, so that the same fact written twice (a
/// re-sent batch, two PCs copied from one disk, a PC restored from a backup) is the same
/// statement, which every store and the repository keep once: a UUID in version 8 form whose 122
/// free bits are the first of SHA-256(seed).
///
/// ```swift
/// let id = Cmi5StatementID.derived("cmi5-abandoned:" + sessionID)
/// ```
public enum Cmi5StatementID {
    public static func derived(_ seed: String) -> String {
        var bytes = Array(SHA256.hash(data: Data(seed.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
