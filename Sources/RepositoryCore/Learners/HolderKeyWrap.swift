import Basics
import Crypto
import Foundation

/// The repository's second lock on a learner's sealed holder key. A PC seals the key under the
/// learner's PIN; the repository also keeps the learner's PIN hash, so a stolen database alone
/// would let a thief guess the PIN offline and open the key. The repository therefore stores the
/// sealed key wrapped once more (AES-GCM, the learner id as associated data) under a secret kept
/// in `DATA/keys/holder-wrap.key`, not in the database, and unwraps it only to hand it to a PC.
/// A value from before wrapping existed is read as it is (and wrapped when the store opens).
///
/// ```swift
/// let wrap = HolderKeyWrap(secret: try keyring.holderWrapSecret())
/// let stored = try wrap.wrap(sealed, learnerID: "ana")        // "w1.…"
/// let sealed = try wrap.unwrap(stored, learnerID: "ana")     // the PC's sealed key again
/// ```
public struct HolderKeyWrap: Sendable {
    static let prefix = "w1."
    private let key: SymmetricKey

    public init(secret: [UInt8]) {
        precondition(secret.count == 32, "the holder wrap secret is 32 bytes")
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: secret), info: Data("learner-wallet holder key wrap v1".utf8),
                                     outputByteCount: 32)
    }

    public static func isWrapped(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    public func wrap(_ sealed: String, learnerID: String) throws -> String {
        let box = try AES.GCM.seal(Data(sealed.utf8), using: key, authenticating: Data(learnerID.utf8))
        guard let combined = box.combined else { throw HolderKeyWrapError.unreadable(learnerID) }
        return Self.prefix + Base64URL.encode(combined)
    }

    /// The sealed key as the PC sent it.
    public func unwrap(_ stored: String, learnerID: String) throws -> String {
        guard Self.isWrapped(stored) else { return stored }
        guard let combined = Base64URL.decode(String(stored.dropFirst(Self.prefix.count))),
              let box = try? AES.GCM.SealedBox(combined: combined),
              let plain = try? AES.GCM.open(box, using: key, authenticating: Data(learnerID.utf8))
        else { throw HolderKeyWrapError.unreadable(learnerID) }
        return String(decoding: plain, as: UTF8.self)
    }
}

/// A wrapped holder key that this repository's `holder-wrap.key` does not open: the keys folder
/// was lost or replaced (restore it from the same backup as the database).
public enum HolderKeyWrapError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let learner):
            "the holder key of learner \(learner) cannot be unwrapped with keys/holder-wrap.key; restore the keys folder from the backup the database came from"
        }
    }
}
