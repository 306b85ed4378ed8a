import Crypto
import _CryptoExtras
import Foundation

/// A PIN or passphrase kept only as a slow scrypt hash, with the parameters it was made with,
/// so that raising the default cost later does not lock out existing learners.
///
/// ```swift
/// let hash = try PINHash.make(pin: "4711-2", cost: .standard)   // a fresh random salt
/// hash.matches(pin: "4711-2")   // true
/// ```
public struct PINHash: Sendable, Equatable {
    public static let outputByteCount = 32

    public var salt: Data
    public var hash: Data
    public var cost: ScryptCost

    public init(salt: Data, hash: Data, cost: ScryptCost) {
        self.salt = salt
        self.hash = hash
        self.cost = cost
    }

    public static func make(pin: String, cost: ScryptCost, salt: Data) throws -> PINHash {
        PINHash(salt: salt, hash: try derive(pin: pin, salt: salt, cost: cost), cost: cost)
    }

    /// A new PIN's hash under a fresh random 16-byte salt.
    public static func make(pin: String, cost: ScryptCost) throws -> PINHash {
        try make(pin: pin, cost: cost, salt: Data((0..<16).map { _ in UInt8.random(in: .min ... .max) }))
    }

    /// Constant-time comparison, so response timing tells nothing about how close a guess was.
    public func matches(pin: String) -> Bool {
        guard let candidate = try? Self.derive(pin: pin, salt: salt, cost: cost) else { return false }
        guard candidate.count == hash.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(candidate, hash) { difference |= a ^ b }
        return difference == 0
    }

    static func derive(pin: String, salt: Data, cost: ScryptCost) throws -> Data {
        let key = try KDF.Scrypt.deriveKey(
            from: Data(pin.utf8), salt: salt, outputByteCount: outputByteCount,
            rounds: 1 << cost.logN, blockSize: cost.blockSize, parallelism: cost.parallelism)
        return key.withUnsafeBytes { Data($0) }
    }
}
