import Credentials
import Foundation
import Testing
import Basics
@testable import RepositoryCore

/// Rotating an awarding body's key and the repository's trust-list key on disk, and what the
/// published documents say afterwards.
@Suite("Key rotation at the repository")
struct IssuerKeyRotationTests {
    static let slug = "gastro-akademie-rheinland"

    @Test("an issuer key rotates: the old one is archived (0600), listed with its window, and a running keyring picks the new one up")
    func issuerKeyRotates() throws {
        let data = try HubFixtures.folder()
        let running = IssuerKeyring.inDataDirectory(data)
        let old = try running.issuerKey(slug: Self.slug)
        #expect(try running.issuerKeyWindows(slug: Self.slug).isEmpty, "a key that never rotated has no window")

        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let rotation = try IssuerKeyring.inDataDirectory(data).rotateIssuerKey(slug: Self.slug, at: at)
        #expect(rotation.previous == old.didKey && rotation.next != old.didKey)
        // Another process rotated: the running keyring signs with the new key from its next use.
        #expect(try running.issuerKey(slug: Self.slug).didKey == rotation.next)
        let archived = data + "/keys/issuers/\(Self.slug).\(KeyArchiveTime.string(from: at)).key"
        #expect(try IssuerKeyringTests.mode(archived) == 0o600)
        #expect(try running.read(path: archived)?.didKey == old.didKey, "the old key is kept, never deleted")
        #expect(!FileManager.default.fileExists(atPath: data + "/keys/issuers/\(Self.slug).next.key"))
        #expect(try running.issuerKeyWindows(slug: Self.slug) == [
            IssuerKeyWindow(did: old.didKey.did, validFrom: nil, validUntil: at.addingTimeInterval(IssuerKeyWindow.rotationOverlap)),
            IssuerKeyWindow(did: rotation.next.did, validFrom: at, validUntil: nil),
        ])
        #expect(running.rotationCount() == 1)
    }

    @Test("the trust-list key hands over by a statement the old key signs; a second rotation extends the chain")
    func repositoryKeyRotates() throws {
        let data = try HubFixtures.folder()
        let keys = IssuerKeyring.inDataDirectory(data)
        let first = try keys.repositoryKey().didKey
        let one = try keys.rotateRepositoryKey(at: Date(timeIntervalSince1970: 1_795_000_000))
        let two = try keys.rotateRepositoryKey(at: Date(timeIntervalSince1970: 1_796_000_000))
        #expect(one.previous == first && two.previous == one.next)
        #expect(try keys.repositoryKey().didKey == two.next)
        let statements = try keys.successions()
        #expect(statements.count == 2)
        #expect(DataIntegrity.verify(statements[0], purpose: .assertionMethod).signer == first)
        #expect(TrustAnchorSuccession.follow(from: first.did, to: two.next.did, statements: statements)
            == .reached(path: [first.did, one.next.did, two.next.did]))
        #expect(try IssuerKeyringTests.mode(data + "/keys/" + IssuerKeyring.successionsFile) == 0o600)
        #expect(keys.rotationCount() == 2)
    }

    @Test("a credential issued before a rotation still verifies against the published list; one issued after is signed by the new key")
    func credentialsOnBothSidesOfARotationVerify() async throws {
        let fx = try CredentialFixtures()
        try fx.store.push(fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
        let versionBefore = try await #require(try TrustListContent(json: try fx.publisher.trustList()).version as Int?)
        let oldKey = try fx.keyring.issuerKey(slug: Self.slug).didKey
        let anchor = try fx.publisher.trustAnchor().did

        let rotation = try fx.keyring.rotateIssuerKey(slug: Self.slug, at: Date())
        try fx.store.push(fx.push(learner: fx.learner("ben"), statements: fx.passing(fx.selfAssessed, learner: "ben")), device: "pc-a")
        let credentials = try fx.store.issuedCredentials(learner: nil)
        let ana = try #require(credentials.first { $0.learnerID == "ana" }), ben = try #require(credentials.first { $0.learnerID == "ben" })
        let anaJSON = try JSONValue(data: Data(ana.json.utf8)), benJSON = try JSONValue(data: Data(ben.json.utf8))
        #expect(DataIntegrity.verify(anaJSON, purpose: .assertionMethod).signer == oldKey)
        #expect(DataIntegrity.verify(benJSON, purpose: .assertionMethod).signer == rotation.next)

        let trust = try await fx.publisher.trustList()
        let content = try TrustListContent(json: trust)
        #expect(content.version > versionBefore, "a rotation is a new version of the list")
        #expect(content.awardingBody(named: CredentialFixtures.gastro.name)?.did == rotation.next.did)
        let lists = try await fx.publisher.allStatusLists()
        let list = try #require(lists[fx.authority.statusListURL(slug: Self.slug)])
        #expect(DataIntegrity.verify(list, purpose: .assertionMethod).signer == rotation.next, "the status list is signed again by the new key")

        let checker = CredentialVerifier(statusLists: StatusListResolver(given: Array(lists.values), bundled: [], now: Date(), givenAlwaysWins: true),
                                         trust: TrustedIssuers(trustList: trust, anchor: anchor), now: Date())
        for credential in [anaJSON, benJSON] {
            let result = checker.verify(credential, holder: nil)
            #expect(result.failure == nil && result.status == .valid, "\(result.lines.map { "\($0.check): \($0.detail)" })")
        }
    }

    @Test("after a trust-anchor rotation the published list is signed by the new key and carries the hand-over")
    func publishedTrustListFollowsTheAnchor() async throws {
        let fx = try CredentialFixtures()
        let old = try fx.publisher.trustAnchor().did
        let before = try await fx.publisher.trustList()
        let rotation = try fx.keyring.rotateRepositoryKey(at: Date())
        let after = try await fx.publisher.trustList()
        #expect(DataIntegrity.verify(after, purpose: .assertionMethod).signer == rotation.next)
        #expect(try TrustListContent(json: after).version > (try TrustListContent(json: before).version))
        guard case .trusted = TrustedIssuers(trustList: after, anchor: old).state else {
            Issue.record("a verifier who pinned the old key does not follow"); return
        }
    }
}
