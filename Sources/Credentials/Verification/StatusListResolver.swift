import Foundation
import Basics

/// Picks, for each status list URL, the list to check credentials against, and verifies it once:
/// the verifier's own copy wins over the export's bundled copy of the same list (same signed `id`)
/// unless the bundled one is newer by `validFrom`. Lists are matched by their signed `id`, never by
/// the export's unsigned `url` field. A chosen list that does not verify is reported as such; there
/// is no fallback to another copy, so a forged "newer" list cannot hide a revocation.
///
/// ```swift
/// let lists = StatusListResolver(given: options.statusLists, bundled: export.statusLists, now: options.now)
/// switch lists.resolve(url: entry.listURL) {
/// case .verified(let list): list.content.bitstring.status(at: entry.index)
/// case .unusable(let why): print(why)
/// }
/// ```
public struct StatusListResolver: Sendable {
    /// More lists than any export needs; bounds the work a hostile file can ask for.
    public static let maximumLists = 100

    /// A list whose proof checked out, with where it came from.
    ///
    /// ```swift
    /// list.content.bitstring.status(at: 17); list.signer == issuerDID
    /// ```
    public struct VerifiedList: Sendable {
        public var content: StatusListCredential.Content
        /// The DID whose proof the list carries (compare it with the credential's issuer).
        public var signer: String
        /// Where the list came from and how old it is, e.g. "status list fetched 3 days ago at …".
        public var provenance: String
        /// When the export says it fetched the list; nil for a list the verifier gave.
        public var fetchedAt: Date?
    }

    /// The list for a URL, or why there is none to use.
    ///
    /// ```swift
    /// if case .unusable(let why) = resolver.resolve(url: url) { print(why) }
    /// ```
    public enum Resolution: Sendable {
        case verified(VerifiedList)
        case unusable(String)
    }

    private struct Candidate {
        var json: JSONValue
        var validFrom: Date?
        var fetchedAt: Date?
        var given: Bool
    }

    private var resolved: [String: Resolution] = [:]

    public init(given: [JSONValue], bundled: [WalletExport.StatusListCopy], now: Date) {
        var candidates: [String: [Candidate]] = [:]
        let copies = bundled.prefix(Self.maximumLists).map { Candidate(json: $0.credential, validFrom: nil, fetchedAt: $0.fetchedAt, given: false) }
        let mine = given.prefix(Self.maximumLists).map { Candidate(json: $0, validFrom: nil, fetchedAt: nil, given: true) }
        for var candidate in copies + mine {
            guard let id = candidate.json["id"]?.stringValue else { continue }
            candidate.validFrom = candidate.json["validFrom"]?.stringValue.flatMap(CredentialDate.parse)
            candidates[id, default: []].append(candidate)
        }
        for (url, list) in candidates {
            resolved[url] = Self.verify(Self.choose(list), url: url, now: now)
        }
    }

    /// The list published at `url`, or why it cannot be used.
    public func resolve(url: String) -> Resolution {
        resolved[url] ?? .unusable("cannot check revocation offline: no status list for \(url); pass --status-list FILE (download it from that address)")
    }

    private static func choose(_ list: [Candidate]) -> Candidate {
        func newest(_ items: [Candidate]) -> Candidate? {
            items.max { ($0.validFrom ?? .distantPast) < ($1.validFrom ?? .distantPast) }
        }
        let given = newest(list.filter(\.given)), bundled = newest(list.filter { !$0.given })
        guard let given else { return bundled ?? list[0] }
        guard let bundled else { return given }
        return (given.validFrom ?? .distantPast) >= (bundled.validFrom ?? .distantPast) ? given : bundled
    }

    private static func verify(_ candidate: Candidate, url: String, now: Date) -> Resolution {
        let source = candidate.given ? "the status list you gave" : "the export's copy of the status list"
        let signer: DIDKey
        switch DataIntegrity.verify(candidate.json, purpose: .assertionMethod) {
        case .valid(let key): signer = key
        case .invalid(let why): return .unusable("\(source) \(url) has no valid proof: \(why)")
        }
        let content: StatusListCredential.Content
        do {
            content = try StatusListCredential.read(candidate.json)
        } catch {
            return .unusable("\(source) \(url) cannot be read: \(error)")
        }
        var words: String
        if let fetched = candidate.fetchedAt {
            words = "status list fetched \(AgeText.since(fetched, now: now)) at \(CredentialDate.string(from: fetched))"
        } else {
            words = "status list you gave"
        }
        if let issued = content.validFrom {
            words += ", issued \(AgeText.since(issued, now: now)) at \(CredentialDate.string(from: issued))"
        }
        return .verified(VerifiedList(content: content, signer: signer.did, provenance: words, fetchedAt: candidate.fetchedAt))
    }
}
