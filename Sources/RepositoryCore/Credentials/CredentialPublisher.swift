import Credentials
import Foundation
import Synchronization
import Catalog
import Basics

/// The documents the repository publishes about its credentials, signed and cached until what
/// they say changes: the trust list (every awarding body of the catalog with its issuer DID, its
/// earlier keys with their windows, and its status list, every registered assessor, the
/// repository key's succession statements; signed with the repository key) and each awarding
/// body's `BitstringStatusListCredential` (signed with that body's key). A version kept by the
/// store changes with every issuance, status change, assessor change and new catalog, so a GET
/// after `credential revoke` already sees the new bit.
///
/// ```swift
/// let publisher = CredentialPublisher(store: store, authority: authority)
/// let trust = try publisher.trustList()                         // signed JSON
/// let list = try publisher.statusList(slug: "gastro-akademie-rheinland")   // nil: unknown slug
/// ```
public final class CredentialPublisher: Sendable {
    let store: any CredentialStore
    public let authority: CredentialAuthority
    let now: @Sendable () -> Date
    private let cache = Mutex<[String: (version: Int, signer: String, document: JSONValue)]>([:])

    public init(store: any CredentialStore, authority: CredentialAuthority, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.authority = authority
        self.now = now
    }

    /// The repository's DID: what employers pin (`wallet-cli verify --trust-anchor`).
    public func trustAnchor() throws -> DIDKey { try authority.keyring.repositoryKey().didKey }

    public func trustList() async throws -> JSONValue {
        // A key rotation changes the list without changing the store: it counts as a version too.
        let version = try await store.trustListVersion() + authority.keyring.rotationCount()
        let key = try authority.keyring.repositoryKey()
        if let cached = cache.withLock({ $0["trust"] }), cached.version == version, cached.signer == key.didKey.did { return cached.document }
        let content = try await trustListContent(version: version)
        let date = now()
        let signed = try DataIntegrity.sign(content.unsignedCredential(id: authority.trustListURL, issuer: key.didKey, validFrom: date),
                                            key: key, purpose: .assertionMethod, created: date)
        cache.withLock { $0["trust"] = (version, key.didKey.did, signed) }
        return signed
    }

    func trustListContent(version: Int) async throws -> TrustListContent {
        var bodies: [TrustListContent.AwardingBody] = []
        var didByName: [String: String] = [:]
        for record in try await store.awardingBodies() {
            let did = try authority.keyring.issuerKey(slug: record.slug).didKey.did
            didByName[record.body.name] = did
            bodies.append(TrustListContent.AwardingBody(did: did, name: record.body.name, country: record.body.country, url: record.body.url,
                                                        slug: record.slug, statusList: authority.statusListURL(slug: record.slug),
                                                        keys: try authority.keyring.issuerKeyWindows(slug: record.slug)))
        }
        // An assessor of a body no longer in the catalog vouches for nothing: left out.
        let assessors = try await store.assessors().compactMap { assessor in
            didByName[assessor.awardingBody].map {
                TrustListContent.Assessor(did: assessor.did, name: assessor.name, assessorID: assessor.id, awardingBody: $0)
            }
        }
        var content = TrustListContent(version: version, verificationPage: authority.verificationPage, awardingBodies: bodies, assessors: assessors)
        content.successions = try authority.keyring.successions()
        return content
    }

    /// The signed status list of the body with this slug; nil when there is no such body.
    public func statusList(slug: String) async throws -> JSONValue? {
        guard IssuerKeyring.isValidSlug(slug), let state = try await store.statusList(slug: slug) else { return nil }
        let cacheKey = "status/" + slug
        // After a rotation the list is signed again, by the body's new key.
        let key = try authority.keyring.issuerKey(slug: slug)
        if let cached = cache.withLock({ $0[cacheKey] }), cached.version == state.version, cached.signer == key.didKey.did { return cached.document }
        let date = now()
        let unsigned = StatusListCredential.unsigned(url: authority.statusListURL(slug: slug), issuer: key.didKey, validFrom: date,
                                                     bitstring: state.bitstring)
        let signed = try DataIntegrity.sign(unsigned, key: key, purpose: .assertionMethod, created: date)
        cache.withLock { $0[cacheKey] = (state.version, key.didKey.did, signed) }
        return signed
    }

    /// Every body's current signed status list by its URL (what a live verification checks against).
    public func allStatusLists() async throws -> [String: JSONValue] {
        var lists: [String: JSONValue] = [:]
        for body in try await store.awardingBodies() {
            if let list = try await statusList(slug: body.slug) { lists[authority.statusListURL(slug: body.slug)] = list }
        }
        return lists
    }
}
