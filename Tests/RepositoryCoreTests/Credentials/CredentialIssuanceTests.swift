import Credentials
import Foundation
import Testing
import Basics
@testable import RepositoryCore
@testable import SyncEngine

@Suite("Issuance at the repository")
struct CredentialIssuanceTests {
    @Test("a self-assessed course completed in a push is issued once, and the same sync's pull brings it")
    func selfAssessedIssuedOnce() throws {
        let fx = try CredentialFixtures()
        let statements = fx.passing(fx.selfAssessed)
        // One outcome only: nothing yet.
        try fx.store.push(fx.push(learner: fx.learner("ana"), statements: [statements[0]]), device: "pc-a")
        #expect(try fx.store.issuedCredentials(learner: "ana").isEmpty)
        let push = fx.push(learner: fx.learner("ana"), statements: [statements[1]])
        try fx.store.push(push, device: "pc-a")
        let issued = try fx.store.issuedCredentials(learner: "ana")
        try #require(issued.count == 1)
        let record = issued[0]
        #expect(record.courseID == fx.selfAssessed.id && record.status == .valid && record.awardingBody == "gastro-akademie-rheinland")

        // The credential is a record of the learner's partition, signed by the body's key.
        let partition = try #require(try fx.pullAll("ana"))
        let credentialRecord = try #require(partition.records.first { $0.key == RecordKey.credentialPrefix + record.id })
        let credential = try #require(credentialRecord.state.values.first)
        let bodyKey = try fx.keyring.issuerKey(slug: "gastro-akademie-rheinland")
        #expect(DataIntegrity.verify(credential, purpose: .assertionMethod) == .valid(signer: bodyKey.didKey))
        let summary = try MicroCredentialSummary(json: credential)
        #expect(summary.subjectDID == fx.holders["ana"]?.didKey.did)
        #expect(summary.learnerID == "ana")
        #expect(summary.status?.listURL == CredentialFixtures.publicURL + "/status/gastro-akademie-rheinland")
        #expect(summary.status?.index == record.statusIndex)
        #expect(credential.encodedString == record.json)

        // Replayed, resent, or completed again: still one.
        try fx.store.push(push, device: "pc-a")
        try fx.store.push(fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
        #expect(try fx.store.issuedCredentials(learner: "ana").count == 1)
        #expect(try fx.pullAll("ana")?.records.filter { $0.key.hasPrefix(RecordKey.credentialPrefix) }.count == 1)
    }

    @Test("the issued credential takes the push's record path and sequence; replaying that batch changes nothing")
    func issuanceInTheBatchAndItsReplay() throws {
        let fx = try CredentialFixtures()
        let push = fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed))
        let first = try fx.store.push(push, device: "pc-a")
        let before = try fx.store.stats()
        #expect(first.accepted == 2 && first.recordsMerged == 0)
        #expect(before.changeSequence == 3, "two statements, then the credential record")
        #expect(before.records == 1 && before.recordVersions == 1, "the credential's version is kept like a pushed one")
        let replay = try fx.store.push(push, device: "pc-a")
        #expect(replay.replayed && replay.accepted == first.accepted && replay.duplicates == first.duplicates)
        let after = try fx.store.stats()
        #expect(after.changeSequence == before.changeSequence && after.records == before.records && after.recordVersions == before.recordVersions)
        #expect(after.batches == 1 && after.batchesReplayed == 1)
        #expect(try fx.store.issuedCredentials(learner: "ana").count == 1)
    }

    @Test("a failed issuance is undone, sequence numbers too, and the push still applies")
    func failedIssuanceLeavesThePush() throws {
        let fx = try CredentialFixtures()
        let assessor = SigningKey.generate()
        try fx.store.addAssessor(id: "a-1", name: "Eva Berger", awardingBody: CredentialFixtures.logistik.name, did: assessor.didKey.did, nowMs: 1)
        // The first course's body signs; the second's key file is damaged, so its credential
        // fails after the first was appended.
        _ = try fx.keyring.issuerKey(slug: "gastro-akademie-rheinland")
        #expect(FileManager.default.createFile(atPath: fx.folder + "/keys/issuers/berufsbildungszentrum-logistik-steiermark.key",
                                               contents: Data("damaged".utf8)))
        let statements = fx.passing(fx.selfAssessed) + (try fx.attested(fx.supervised, by: assessor))
        let records = [HubFixtures.record("profile/email", "ana@example.org", by: HubFixtures.pcA)]
        let answer = try fx.store.push(fx.push(learner: fx.learner("ana"), statements: statements, records: records), device: "pc-a")
        #expect(answer.accepted == 4 && answer.recordsMerged == 1 && !answer.replayed)
        #expect(try fx.store.issuedCredentials(learner: nil).isEmpty, "both undone: issuance is one savepoint")
        let stats = try fx.store.stats()
        #expect(stats.statementsStored == 4 && stats.records == 1 && stats.recordVersions == 1)
        #expect(stats.changeSequence == 5, "the push's four statements and one record; nothing of the undone issuance")
        #expect(try fx.store.statusList(slug: "gastro-akademie-rheinland")?.version == 0, "no slot taken")
        #expect(try fx.pullAll("ana")?.records.map(\.key) == ["profile/email"])
    }

    @Test("without a holder DID nothing is issued; the push that brings the key issues")
    func holderKeyLater() throws {
        let fx = try CredentialFixtures()
        try fx.store.push(fx.push(learner: fx.learner("ana", withHolderKey: false), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
        #expect(try fx.store.issuedCredentials(learner: nil).isEmpty)
        try fx.store.push(fx.push(learner: fx.learner("ana"), statements: []), device: "pc-a")
        #expect(try fx.store.issuedCredentials(learner: "ana").count == 1)
    }

    @Test("a supervised course is issued only on attestations by an assessor registered with its body")
    func supervisedNeedsRegisteredAssessor() throws {
        let fx = try CredentialFixtures()
        let assessor = SigningKey.generate(), other = SigningKey.generate(), stranger = SigningKey.generate()
        try fx.store.addAssessor(id: "a-1", name: "Eva Berger", awardingBody: CredentialFixtures.logistik.name, did: assessor.didKey.did, nowMs: 1)
        try fx.store.addAssessor(id: "a-2", name: "Rui Costa", awardingBody: CredentialFixtures.gastro.name, did: other.didKey.did, nowMs: 1)
        let ana = fx.learner("ana")
        // Plain passes, an unregistered signer, another body's assessor, attestations for someone else.
        try fx.store.push(fx.push(learner: ana, statements: fx.passing(fx.supervised)), device: "pc-a")
        try fx.store.push(fx.push(learner: ana, statements: try fx.attested(fx.supervised, by: stranger)), device: "pc-a")
        try fx.store.push(fx.push(learner: ana, statements: try fx.attested(fx.supervised, by: other)), device: "pc-a")
        try fx.store.push(fx.push(learner: ana, statements: try fx.attested(fx.supervised, by: assessor, learnerID: "ben")), device: "pc-a")
        try fx.store.push(fx.push(learner: ana, statements: try fx.attested(fx.supervised, by: assessor, learnerDID: fx.holders["ben"]?.didKey.did)), device: "pc-a")
        #expect(try fx.store.issuedCredentials(learner: "ana").isEmpty)
        try fx.store.push(fx.push(learner: ana, statements: try fx.attested(fx.supervised, by: assessor)), device: "pc-a")
        let issued = try fx.store.issuedCredentials(learner: "ana")
        #expect(issued.map(\.courseID) == [fx.supervised.id])
        #expect(issued.first?.awardingBody == "berufsbildungszentrum-logistik-steiermark")
    }

    /// Issue 11 item 7, through the SQLite store: the checked name and the assessor's registered
    /// name (the `assessor` table), not the learner's profile record.
    @Test("a supervised credential carries the name the assessor checked, with the name the repository registered them under")
    func supervisedCarriesTheCheckedName() throws {
        let fx = try CredentialFixtures()
        let assessor = SigningKey.generate()
        try fx.store.addAssessor(id: "a-1", name: "Eva Berger", awardingBody: CredentialFixtures.logistik.name, did: assessor.didKey.did, nowMs: 1)
        let checked = try IdentityVerification(verifiedName: "Ana Pereira", identityCheck: "photo ID")
        try fx.store.push(fx.push(learner: fx.learner("ana"), statements: try fx.attested(fx.supervised, by: assessor, identity: checked)), device: "pc-a")
        let record = try #require(try fx.store.issuedCredentials(learner: "ana").first)
        let summary = try MicroCredentialSummary(json: try JSONValue(data: Data(record.json.utf8)))
        #expect(summary.learnerName == "Ana Pereira" && summary.learnerNameIsChecked)
        #expect(summary.identity?.verifierName == "Eva Berger" && summary.identity?.verifiedBy == assessor.didKey.did)
    }

    @Test("the holder key is kept sealed, filled in once, and fetched with the learner")
    func holderKeyRoundTrip() throws {
        let fx = try CredentialFixtures()
        let without = fx.learner("ana", withHolderKey: false)
        try fx.store.push(fx.push(learner: without, statements: []), device: "pc-a")
        #expect(try fx.store.learner(id: "ana")?.learner.holderKey == nil)
        let with = fx.learner("ana")
        try fx.store.push(fx.push(learner: with, statements: [fx.passing(fx.selfAssessed)[0]]), device: "pc-a")
        #expect(try fx.store.learner(id: "ana")?.learner.holderKey == with.holderKey)
        // A later push naming another key does not replace it.
        var other = with
        other.holderKey?.did = SigningKey.generate().didKey.did
        try fx.store.push(fx.push(learner: other, statements: [fx.passing(fx.selfAssessed)[1]]), device: "pc-a")
        #expect(try fx.store.learner(id: "ana")?.learner.holderKey == with.holderKey)
        // Created with a key: kept from the first push.
        try fx.store.push(fx.push(learner: fx.learner("ben"), statements: []), device: "pc-a")
        #expect(try fx.store.learner(id: "ben")?.learner.holderKey == fx.learner("ben").holderKey)
    }

    @Test("revoke, suspend and reinstate show in the signed status list; revocation is final")
    func statusChanges() async throws {
        let fx = try CredentialFixtures()
        try fx.store.push(fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
        try fx.store.push(fx.push(learner: fx.learner("ben"), statements: fx.passing(fx.selfAssessed, learner: "ben")), device: "pc-b")
        let ana = try #require(try fx.store.issuedCredentials(learner: "ana").first)
        let ben = try #require(try fx.store.issuedCredentials(learner: "ben").first)
        #expect(ana.statusIndex != ben.statusIndex)
        let slug = "gastro-akademie-rheinland"
        let bodyKey = try fx.keyring.issuerKey(slug: slug)

        func bits() async throws -> (ana: CredentialStatusValue?, ben: CredentialStatusValue?, list: JSONValue) {
            let list = try #require(try await fx.publisher.statusList(slug: slug))
            #expect(DataIntegrity.verify(list, purpose: .assertionMethod) == .valid(signer: bodyKey.didKey))
            let content = try StatusListCredential.read(list)
            #expect(content.url == CredentialFixtures.publicURL + "/status/" + slug)
            #expect(content.bitstring.entries >= StatusBitstring.minimumEntries)
            return (content.bitstring.status(at: ana.statusIndex), content.bitstring.status(at: ben.statusIndex), list)
        }
        let first = try await bits()
        #expect(first.ana == .valid && first.ben == .valid)
        #expect(try await fx.publisher.statusList(slug: slug) == first.list, "unchanged: served from the cache")

        _ = try fx.store.setCredentialStatus(id: ana.id, to: .suspended, nowMs: 2)
        #expect(try await bits().ana == .suspended)
        _ = try fx.store.setCredentialStatus(id: ana.id, to: .valid, nowMs: 3)
        #expect(try await bits().ana == .valid)
        _ = try fx.store.setCredentialStatus(id: ben.id, to: .revoked, nowMs: 4)
        let after = try await bits()
        #expect(after.ben == .revoked && after.ana == .valid)
        #expect(throws: CredentialAdminError.self) { try fx.store.setCredentialStatus(id: ben.id, to: .valid, nowMs: 5) }
        #expect(throws: CredentialAdminError.self) { try fx.store.setCredentialStatus(id: ben.id, to: .suspended, nowMs: 5) }
        #expect(throws: CredentialAdminError.self) { try fx.store.setCredentialStatus(id: "urn:uuid:nope", to: .revoked, nowMs: 5) }
        #expect(try fx.store.issuedCredential(id: ben.id)?.status == .revoked)
        #expect(try await fx.publisher.statusList(slug: "no-such-body") == nil)
        #expect(try await fx.publisher.statusList(slug: "../keys") == nil)
    }

    @Test("the trust list names every body and assessor, is signed by the repository key and changes with them")
    func trustList() async throws {
        let fx = try CredentialFixtures()
        let repositoryKey = try fx.keyring.repositoryKey()
        let first = try await fx.publisher.trustList()
        #expect(DataIntegrity.verify(first, purpose: .assertionMethod) == .valid(signer: repositoryKey.didKey))
        let content = try TrustListContent(json: first)
        #expect(content.awardingBodies.map(\.name) == [CredentialFixtures.gastro.name, CredentialFixtures.logistik.name])
        #expect(content.awardingBody(named: CredentialFixtures.gastro.name)?.did == (try fx.keyring.issuerKey(slug: "gastro-akademie-rheinland")).didKey.did)
        #expect(content.awardingBody(named: CredentialFixtures.gastro.name)?.statusList == CredentialFixtures.publicURL + "/status/gastro-akademie-rheinland")
        #expect(content.verificationPage == CredentialFixtures.publicURL + "/verify")
        #expect(content.assessors.isEmpty)
        #expect(try await fx.publisher.trustList() == first)

        let assessor = SigningKey.generate()
        try fx.store.addAssessor(id: "a-1", name: "Eva Berger", awardingBody: CredentialFixtures.logistik.name, did: assessor.didKey.did, nowMs: 1)
        let second = try await TrustListContent(json: try fx.publisher.trustList())
        #expect(second.version > content.version)
        #expect(second.assessor(did: assessor.didKey.did)?.awardingBody == content.awardingBody(named: CredentialFixtures.logistik.name)?.did)
        #expect(try fx.store.removeAssessor(id: "a-1"))
        #expect(try fx.store.removeAssessor(id: "a-1") == false)
        #expect(try await TrustListContent(json: try fx.publisher.trustList()).assessors.isEmpty)
    }

    @Test("assessor registration refuses unknown bodies, bad DIDs and duplicates with a reason")
    func assessorErrors() throws {
        let fx = try CredentialFixtures()
        let did = SigningKey.generate().didKey.did
        #expect(throws: CredentialAdminError.self) { try fx.store.addAssessor(id: "a", name: "A", awardingBody: "Nobody", did: did, nowMs: 1) }
        #expect(throws: CredentialAdminError.self) { try fx.store.addAssessor(id: "a", name: "A", awardingBody: CredentialFixtures.gastro.name, did: "did:web:x.example", nowMs: 1) }
        try fx.store.addAssessor(id: "a", name: "A", awardingBody: CredentialFixtures.gastro.name, did: did, nowMs: 1)
        #expect(throws: CredentialAdminError.self) { try fx.store.addAssessor(id: "a", name: "B", awardingBody: CredentialFixtures.gastro.name, did: SigningKey.generate().didKey.did, nowMs: 1) }
        #expect(throws: CredentialAdminError.self) { try fx.store.addAssessor(id: "b", name: "B", awardingBody: CredentialFixtures.gastro.name, did: did, nowMs: 1) }
        #expect(try fx.store.assessors().map(\.id) == ["a"])
    }

    @Test("status slots map to distinct indexes")
    func statusIndexesAreAPermutation() {
        var seen = Set<Int>()
        for slot in 0..<CredentialIssuer.listEntries { seen.insert(CredentialIssuer.index(ofSlot: slot)) }
        #expect(seen.count == CredentialIssuer.listEntries)
        #expect(seen.allSatisfy { $0 >= 0 && $0 < CredentialIssuer.listEntries })
    }
}
