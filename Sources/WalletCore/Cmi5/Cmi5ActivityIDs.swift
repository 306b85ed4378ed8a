import Crypto
import Foundation

/// The activity ids walletd generates for a course's AUs, blocks and course (cmi5 8.1.5 and 9.4:
/// never the publisher's ids, the same for every launch and registration). They are derived from
/// the course's and the node's publisher ids, so every PC of the centre generates the same ids
/// and a learner's statements from two PCs name the same activities.
///
/// ```swift
/// Cmi5ActivityIDs.unit("https://example.org/au/1", course: "https://example.org/course")
/// // "https://learner-wallet.invalid/cmi5/au/3f9c…"
/// ```
public enum Cmi5ActivityIDs {
    static let base = "https://learner-wallet.invalid/cmi5/"

    public static func unit(_ publisherID: String, course: String) -> String { base + "au/" + digest(course, publisherID) }
    public static func block(_ publisherID: String, course: String) -> String { base + "block/" + digest(course, publisherID) }
    public static func course(_ publisherID: String) -> String { base + "course/" + digest(publisherID, "") }

    /// 32 hex digits of SHA-256 over both ids (a newline cannot occur in an IRI, so the pair is unambiguous).
    private static func digest(_ course: String, _ node: String) -> String {
        SHA256.hash(data: Data((course + "\n" + node).utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
