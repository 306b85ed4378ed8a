import Foundation
import Basics

/// Picks, for each status list URL, the list to check credentials against, and verifies it when a
/// credential first asks for it: the verifier's own copy wins over the export's bundled copy of
/// the same list (same signed `id`) unless the bundled one is newer by `validFrom`. Lists are
/// matched by their signed `id`, never by the export's unsigned `url` field. A chosen list that
/// does not verify is reported as such; there is no fallback to another copy, so a forged "newer"
/// list cannot hide a revocation.
///
/// A hostile file can bundle many lists, each inflating to megabytes. So nothing is verified or
/// inflated up front: a list is read only when a credential refers to it, only after its proof
/// shows that credential's issuer signed it, and all the lists of one verification together may
/// inflate to no more than `inflateBudget` bytes.
///
/// ```swift
/// let lists = StatusListResolver(given: options.statusLists, bundled: export.statusLists, now: options.now)
/// switch lists.resolve(url: entry.listURL, issuer: issuerDID) {
/// case .verified(let list): list.content.bitstring.status(at: entry.index)
/// case .unusable(let why): print(why)
/// }
/// ```
public final class StatusListResolver: @unchecked Sendable {
    /// More lists than any export needs; bounds the candidates a hostile file can offer.
    public static let maximumLists = 100
    /// What one verification's lists may inflate to, together, unless the caller says otherwise:
    /// four lists at `StatusBitstring.maximumBytes`, far more than an export's few issuers need.
    public static let defaultInflateBudget = 4 * StatusBitstring.maximumBytes

    /// A list whose proof checked out, with where it came from.
    ///
    /// ```swift
    /// list.content.bitstring.status(at: 17); list.signer == issuerDID
    /// ```
    public struct VerifiedList: Sendable {
        public var content: StatusListCredential.Content
        /// The DID whose proof the list carries (the credential's issuer).
        public var signer: String
        /// Where the list came from and how old it is, e.g. "status list fetched 3 days ago at …".
        public var provenance: String
        /// When the export says it fetched the list; nil for a list the verifier gave.
        public var fetchedAt: Date?
    }

    /// The list for a URL, or why there is none to use.
    ///
    /// ```swift
    /// if case .unusable(let why) = resolver.resolve(url: url, issuer: issuer) { print(why) }
    /// ```
    public enum Resolution: Sendable {
        case verified(VerifiedList)
        case unusable(String)
    }

    private struct Candidate: Sendable {
        var json: JSONValue
        var validFrom: Date?
        var fetchedAt: Date?
        var given: Bool
    }

    /// A chosen list's proof, checked once: who signed it, or why it does not verify.
    private enum Proof {
        case signed(by: String, created: Date?)
        case invalid(String)
    }

    /// Whether a list signed by this DID at this time (its proof's `created`) speaks for a
    /// credential's issuer.
    public typealias SignerCheck = @Sendable (_ signer: String, _ created: Date?) -> Bool

    private let now: Date
    private let lock = NSLock()
    // Guarded by `lock`: a verifier may be shared by the credentials of one export.
    private var chosen: [String: Candidate] = [:]
    private var proofs: [String: Proof] = [:]
    private var contents: [String: Resolution] = [:]
    private var budgetLeft: Int

    /// `givenAlwaysWins`: the verifier's own copy is used even when the file's copy is newer (the
    /// repository's own lists are the live status; a copy in a file can only be older or forged).
    public init(given: [JSONValue], bundled: [WalletExport.StatusListCopy], now: Date, inflateBudget: Int = StatusListResolver.defaultInflateBudget,
                givenAlwaysWins: Bool = false) {
        self.now = now
        budgetLeft = max(inflateBudget, 0)
        var candidates: [String: [Candidate]] = [:]
        let copies = bundled.prefix(Self.maximumLists).map { Candidate(json: $0.credential, validFrom: nil, fetchedAt: $0.fetchedAt, given: false) }
        let mine = given.prefix(Self.maximumLists).map { Candidate(json: $0, validFrom: nil, fetchedAt: nil, given: true) }
        for var candidate in copies + mine {
            guard let id = candidate.json["id"]?.stringValue else { continue }
            candidate.validFrom = candidate.json["validFrom"]?.stringValue.flatMap(CredentialDate.parse)
            candidates[id, default: []].append(candidate)
        }
        chosen = candidates.mapValues { Self.choose($0, givenAlwaysWins: givenAlwaysWins) }
    }

    /// The list published at `url` for a credential of `issuer`, or why it cannot be used. The
    /// list's proof is checked first; its bits are inflated only when `issuer` signed it.
    public func resolve(url: String, issuer: String?) -> Resolution {
        resolve(url: url, issuer: issuer, sameBody: { signer, _ in signer == issuer })
    }

    /// As `resolve(url:issuer:)`, but a list signed by any key `sameBody` accepts (another key of
    /// the issuer's awarding body, inside its window) is used too.
    public func resolve(url: String, issuer: String?, sameBody: SignerCheck) -> Resolution {
        lock.withLock {
            guard let candidate = chosen[url] else {
                return .unusable("cannot check revocation offline: no status list for \(url); pass --status-list FILE (download it from that address)")
            }
            let source = candidate.given ? "the status list you gave" : "the export's copy of the status list"
            let proof = proofs[url] ?? Self.proof(of: candidate)
            proofs[url] = proof
            switch proof {
            case .invalid(let why):
                return .unusable("\(source) \(url) has no valid proof: \(why)")
            case .signed(let signer, let created) where !sameBody(signer, created):
                return .unusable("the status list \(url) is signed by \(signer), not by the credential's issuer \(issuer ?? "none")"
                    + (signer == issuer ? " at a time its key signs in" : ""))
            case .signed(let signer, _):
                if let done = contents[url] { return done }
                let resolution = read(candidate, url: url, signer: signer, source: source)
                contents[url] = resolution
                return resolution
            }
        }
    }

    private static func choose(_ list: [Candidate], givenAlwaysWins: Bool) -> Candidate {
        func newest(_ items: [Candidate]) -> Candidate? {
            items.max { ($0.validFrom ?? .distantPast) < ($1.validFrom ?? .distantPast) }
        }
        let given = newest(list.filter(\.given)), bundled = newest(list.filter { !$0.given })
        guard let given else { return bundled ?? list[0] }
        guard let bundled, !givenAlwaysWins else { return given }
        return (given.validFrom ?? .distantPast) >= (bundled.validFrom ?? .distantPast) ? given : bundled
    }

    private static func proof(of candidate: Candidate) -> Proof {
        switch DataIntegrity.verify(candidate.json, purpose: .assertionMethod) {
        case .valid(let key): .signed(by: key.did, created: DataIntegrity.created(of: candidate.json))
        case .invalid(let why): .invalid(why)
        }
    }

    /// Inflates the list within what is left of the budget (called with `lock` held).
    private func read(_ candidate: Candidate, url: String, signer: String, source: String) -> Resolution {
        let content: StatusListCredential.Content
        do {
            content = try StatusListCredential.read(candidate.json, maximumBytes: budgetLeft)
        } catch {
            let spent = budgetLeft < StatusBitstring.maximumBytes ? " (this verification had \(budgetLeft) bytes left for status lists)" : ""
            return .unusable("\(source) \(url) cannot be read: \(error)\(spent)")
        }
        budgetLeft -= content.bitstring.bytes.count
        var words: String
        if let fetched = candidate.fetchedAt {
            words = "status list fetched \(AgeText.since(fetched, now: now)) at \(CredentialDate.string(from: fetched))"
        } else {
            words = "status list you gave"
        }
        if let issued = content.validFrom {
            words += ", issued \(AgeText.since(issued, now: now)) at \(CredentialDate.string(from: issued))"
        }
        return .verified(VerifiedList(content: content, signer: signer, provenance: words, fetchedAt: candidate.fetchedAt))
    }
}
