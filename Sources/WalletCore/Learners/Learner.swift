import Foundation
import SyncEngine
import SecurityPrimitives
import Basics

/// A learner known to this wallet, with their PIN hash and lock-out state.
///
/// ```swift
/// let learner = Learner(id: UUID().uuidString.lowercased(), name: "Ana Horvat", pin: hash, createdMs: now)
/// ```
public struct Learner: Sendable, Equatable {
    public var id: String
    public var name: String
    public var pin: PINHash
    public var createdMs: Int64
    public var failedAttempts: Int
    public var lockedUntilMs: Int64
    /// The learner's holder key, sealed under their PIN (`HolderKeySeal`); nil for a learner made
    /// before credentials existed until their next login makes one.
    public var holderKey: WireHolderKey?
    /// The learner's signed claim (`WireLearnerClaim`): made with the learner, or at the first
    /// login of a learner made before claims existed; a PIN change makes the next generation.
    public var claim: WireLearnerClaim?
    /// After a PIN reset: the repository's signed word that `claim`'s new holder DID is the
    /// learner's (`LearnerResetStatement`); sent along with the learner at each push.
    public var reset: JSONValue?

    public init(id: String, name: String, pin: PINHash, createdMs: Int64, failedAttempts: Int = 0, lockedUntilMs: Int64 = 0,
                holderKey: WireHolderKey? = nil, claim: WireLearnerClaim? = nil, reset: JSONValue? = nil) {
        self.id = id
        self.name = name
        self.pin = pin
        self.createdMs = createdMs
        self.failedAttempts = failedAttempts
        self.lockedUntilMs = lockedUntilMs
        self.holderKey = holderKey
        self.claim = claim
        self.reset = reset
    }
}

/// Display names are what other learners see in `learner list`: printable, trimmed, bounded.
///
/// ```swift
/// try LearnerInput.validateName(" Ana ")   // "Ana"
/// ```
public enum LearnerInput {
    public static let maxNameLength = 100
    /// For new PINs only: a learner made with a shorter one (before this rule) still logs in.
    /// Six digits are a million guesses for someone with a copied PIN hash (~28 hours of scrypt
    /// on one core at 0.1 s each), four only ten thousand (17 minutes).
    public static let minPINLength = 6
    public static let maxPINLength = 128

    public enum Problem: Error, Equatable {
        case name(String)
        case pin(String)
    }

    public static func validateName(_ raw: String) throws(Problem) -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw .name("The name is empty. Give the learner's display name, e.g. \"Ana Horvat\".") }
        guard name.count <= maxNameLength else { throw .name("The name is longer than \(maxNameLength) characters.") }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .name("The name contains control characters; use letters, digits, spaces and punctuation.")
        }
        return name
    }

    public static func validatePIN(_ pin: String) throws(Problem) {
        guard pin.count >= minPINLength else { throw .pin("The PIN is too short: use at least \(minPINLength) digits or characters.") }
        guard pin.utf8.count <= maxPINLength else { throw .pin("The PIN or passphrase is longer than \(maxPINLength) bytes.") }
    }
}
