import Foundation
import Basics

/// The statement by which the repository's trust-list key hands over to its successor: a small
/// document naming the old key's DID (`previous`) and the new one (`next`), signed by the OLD key
/// (eddsa-jcs-2022). The trust list carries every such statement, oldest first, so anyone who
/// pinned an older key (a PC at its first sync, an employer's `--trust-anchor`) can walk from the
/// key they trust to the one that signed today's list, and nowhere else: a key that was never
/// handed over to leads nowhere, however the statements are arranged.
///
/// ```swift
/// let statement = try TrustAnchorSuccession.sign(previous: oldKey, next: newKey.didKey, at: now)
/// switch TrustAnchorSuccession.follow(from: pinnedDID, to: listSigner, statements: trust.successions) {
/// case .reached(let path): print("pin", path.last!)
/// case .refused(let why): print(why)
/// }
/// ```
public enum TrustAnchorSuccession {
    public static let type = "TrustAnchorSuccession"
    /// How many successions are followed (and carried) at most: a key rotated every year for
    /// sixteen years. Bounds the proofs a hostile trust list makes a verifier check.
    public static let maximumChainLength = 16

    /// Where following the statements led.
    ///
    /// ```swift
    /// if case .reached(let path) = outcome { newPin = path.last }
    /// ```
    public enum Outcome: Sendable, Equatable {
        /// The keys from the pinned one to the signer, both included.
        case reached(path: [String])
        case refused(String)
    }

    /// A statement, signed by `previous`, that `next` succeeds it from `at` on.
    public static func sign(previous: SigningKey, next: DIDKey, at date: Date) throws(CredentialError) -> JSONValue {
        let unsigned: JSONValue = .object([
            "type": .string(type),
            "previous": .string(previous.didKey.did),
            "next": .string(next.did),
            "validFrom": .string(CredentialDate.string(from: date)),
        ])
        return try DataIntegrity.sign(unsigned, key: previous, purpose: .assertionMethod, created: date)
    }

    /// Walks from `pinned` to `signer` through statements each signed by the key it hands over
    /// from. Statements that do not verify, or are signed by another key than their `previous`,
    /// are no step; cycles end; more than `maximumChainLength` statements are refused unread.
    public static func follow(from pinned: String, to signer: String, statements: [JSONValue]) -> Outcome {
        if pinned == signer { return .reached(path: [pinned]) }
        guard statements.count <= maximumChainLength else {
            return .refused("the trust list carries \(statements.count) key successions; at most \(maximumChainLength) are followed")
        }
        var next: [String: [String]] = [:]
        var problems: [String] = []
        for statement in statements {
            guard statement["type"]?.stringValue == type, let from = statement["previous"]?.stringValue,
                  let to = statement["next"]?.stringValue, from != to
            else { problems.append("a succession statement lacks type \(type), previous or next"); continue }
            switch DataIntegrity.verify(statement, purpose: .assertionMethod) {
            case .invalid(let why):
                problems.append("the succession from \(from.prefix(80)) has no valid proof: \(why)")
            case .valid(let key) where key.did != from:
                problems.append("the succession from \(from.prefix(80)) is signed by \(key.did), not by the key it hands over from")
            case .valid:
                next[from, default: []].append(to)
            }
        }
        // Breadth first from the pinned key; `cameFrom` doubles as the visited set.
        var cameFrom: [String: String] = [pinned: pinned]
        var frontier = [pinned]
        for _ in 0..<maximumChainLength where !frontier.isEmpty {
            var following: [String] = []
            for key in frontier {
                for successor in next[key] ?? [] where cameFrom[successor] == nil {
                    cameFrom[successor] = key
                    if successor == signer {
                        var path = [signer]
                        var at = signer
                        while at != pinned, let before = cameFrom[at] { path.append(before); at = before }
                        return .reached(path: path.reversed())
                    }
                    following.append(successor)
                }
            }
            frontier = following
        }
        let why = problems.isEmpty ? "" : " (" + problems.prefix(3).joined(separator: "; ") + ")"
        return .refused("no chain of key successions, each signed by the key before, leads from the pinned key \(pinned) to the list's signer \(signer)\(why)")
    }
}
