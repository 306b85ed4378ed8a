import Foundation

/// The identity of one replica: a walletd install or the repository. Made once, at random, and
/// kept in the replica's database; it never says anything about time or order.
///
/// ```swift
/// let me = ReplicaID.random()
/// let parsed = ReplicaID(validating: "7d4c…")   // nil unless 1…64 chars of [a-z0-9-]
/// ```
public struct ReplicaID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts 1…64 characters of lowercase letters, digits and `-` (a lowercase UUID fits).
    public init?(validating rawValue: String) {
        guard (1...64).contains(rawValue.utf8.count),
              rawValue.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
        else { return nil }
        self.rawValue = rawValue
    }

    /// For values the program made itself (tests, constants); input goes through `init?(validating:)`.
    public init(_ rawValue: String) {
        precondition(ReplicaID(validating: rawValue) != nil, "invalid replica id \(rawValue)")
        self.rawValue = rawValue
    }

    public static func random() -> ReplicaID { ReplicaID(UUID().uuidString.lowercased()) }

    public static func < (a: ReplicaID, b: ReplicaID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}
