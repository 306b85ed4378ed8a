/// A credential's status as its 2-bit entry in the issuer's status list says it
/// (`statusPurpose: "message"`, `statusSize: 2`). Revocation is final; a suspension can be lifted.
///
/// ```swift
/// var list = StatusBitstring()
/// list[42] = .revoked
/// list[42].word   // "revoked"
/// ```
public enum CredentialStatusValue: UInt8, Sendable, CaseIterable {
    case valid = 0
    case suspended = 1
    case revoked = 2

    /// 3 is never written; it reads as revoked so that no bit pattern reads as "valid" by accident.
    public init(bits: UInt8) {
        self = CredentialStatusValue(rawValue: bits & 0b11) ?? .revoked
    }

    public var word: String {
        switch self {
        case .valid: "valid"
        case .suspended: "suspended"
        case .revoked: "revoked"
        }
    }

    /// The `statusMessage` array of a 2-bit entry (Bitstring Status List §2.1).
    public static let statusMessages: [(status: String, message: String)] = [
        ("0x0", "valid"), ("0x1", "suspended"), ("0x2", "revoked"), ("0x3", "revoked"),
    ]
}
