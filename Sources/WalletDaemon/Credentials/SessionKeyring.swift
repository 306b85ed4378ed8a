import Credentials
import Foundation

/// The opened holder keys of live sessions, in walletd's memory only: a key is opened with the
/// PIN at login and dropped at logout, expiry or restart (then the learner logs in again). It is
/// never written anywhere.
///
/// ```swift
/// await keyring.put(key, session: token.storageHash, expiresMs: expiry)
/// guard let key = await keyring.key(session: session.tokenHash, nowMs: now) else { throw keyLocked }
/// ```
actor SessionKeyring {
    /// Bounded: a shared PC has a handful of live sessions; the oldest goes first beyond this.
    static let capacity = 256

    private var keys: [String: (key: SigningKey, addedMs: Int64)] = [:]

    func put(_ key: SigningKey, session tokenHash: String, nowMs: Int64) {
        if keys.count >= Self.capacity, let oldest = keys.min(by: { $0.value.addedMs < $1.value.addedMs })?.key {
            keys[oldest] = nil
        }
        keys[tokenHash] = (key, nowMs)
    }

    func key(session tokenHash: String) -> SigningKey? { keys[tokenHash]?.key }

    func remove(session tokenHash: String) { keys[tokenHash] = nil }
}

extension SessionKeyring {
    /// Drops the keys of these sessions (a learner forgotten on this PC: every session of theirs).
    func remove(sessions tokenHashes: [String]) {
        for hash in tokenHashes { remove(session: hash) }
    }
}
