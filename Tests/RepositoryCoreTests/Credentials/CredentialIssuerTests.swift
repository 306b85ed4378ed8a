import Credentials
import Foundation
import Testing
import Catalog
import Basics
@testable import RepositoryCore
@testable import SyncEngine

/// `CredentialIssuer` over an in-memory `IssuanceLedger`: the rules of issuance with no
/// database in sight.
@Suite("Issuance through the ledger, without SQL")
struct CredentialIssuerTests {
    static let hub = ReplicaID("hub")

    struct Setup {
        let fx: CredentialFixtures
        let ledger: MemoryIssuanceLedger
        let issuer: CredentialIssuer
        let holder: SigningKey

        init() throws {
            fx = try CredentialFixtures()
            ledger = try MemoryIssuanceLedger(catalog: CourseCatalog(courses: [fx.selfAssessed, fx.supervised]))
            issuer = CredentialIssuer(authority: fx.authority, replica: CredentialIssuerTests.hub)
            holder = try #require(fx.holders["ana"])
            ledger.learners["ana"] = ("Ana", holder.didKey.did)
        }

        func add(_ statements: [WireStatement]) throws {
            ledger.statementsByLearner["ana", default: []] += try statements.map { try JSONValue(data: Data($0.json.utf8)) }
        }

        func run(touched: Set<String> = [], everyCourse: Bool = true) throws -> [CredentialEvent] {
            try issuer.run(ledger, learnerID: "ana", touched: touched, everyCourse: everyCourse, nowMs: 1_795_000_000_000)
        }
    }

    @Test("a completed course is issued once: kept as issued and appended as the hub's own credential record")
    func issuesOnceThroughTheLedger() throws {
        let s = try Setup()
        try s.add([s.fx.passing(s.fx.selfAssessed)[0]])
        #expect(try s.run().isEmpty, "one outcome of two")
        try s.add([s.fx.passing(s.fx.selfAssessed)[1]])
        let events = try s.run()
        let issued = try #require(s.ledger.issued.first)
        #expect(events == [.issued(credential: issued.id, learner: "ana", course: s.fx.selfAssessed.id, awardingBody: "gastro-akademie-rheinland")])
        #expect(issued.status == .valid && issued.statusIndex == CredentialIssuer.index(ofSlot: 0))

        let appended = try #require(s.ledger.appended.first)
        #expect(s.ledger.appended.count == 1)
        #expect(appended.learnerID == "ana" && appended.key == RecordKey.credentialPrefix + issued.id)
        #expect(appended.state.siblings.map(\.dot.replica) == [Self.hub], "written by the repository's own replica")
        let credential = try #require(appended.state.values.first)
        #expect(credential.encodedString == issued.json)
        let summary = try MicroCredentialSummary(json: credential)
        #expect(summary.subjectDID == s.holder.didKey.did && summary.learnerName == "Ana")

        #expect(try s.run().isEmpty, "issued already")
        #expect(s.ledger.issued.count == 1 && s.ledger.appended.count == 1)
    }

    @Test("without an assessor's check the name is the settled profile/name (else the enrolled name), stated only as self-declared")
    func nameFromTheProfileRecord() throws {
        let s = try Setup()
        s.ledger.records["ana"] = ["profile/name": RegisterState().writing("Ana Horvat", by: HubFixtures.pcA, seen: VersionVector())]
        try s.add(s.fx.passing(s.fx.selfAssessed))
        _ = try s.run()
        let credential = try #require(s.ledger.appended.first?.state.values.first)
        let summary = try MicroCredentialSummary(json: credential)
        #expect(summary.learnerName == "Ana Horvat" && !summary.learnerNameIsChecked)
        #expect(credential["credentialSubject"]?["name"] == nil && credential["credentialSubject"]?["selfDeclaredName"] == "Ana Horvat")
    }

    func registeredAssessor(_ s: Setup, name: String = "Bo Berg") -> SigningKey {
        let assessor = SigningKey.generate()
        s.ledger.registered.append(RegisteredAssessor(did: assessor.didKey.did, awardingBody: CredentialFixtures.logistik.name))
        s.ledger.assessorNames[assessor.didKey.did] = name
        return assessor
    }

    /// Issue 11 item 7: the learner writes their own profile name; only an assessor's check puts
    /// a name on a credential as checked, and a profile change before or after changes nothing.
    @Test("the name an assessor checked is the credential's, with the assessor's registered name; the profile name plays no part")
    func checkedNameFromTheAttestation() throws {
        let s = try Setup()
        let assessor = registeredAssessor(s)
        let checked = try IdentityVerification(verifiedName: "Ana Pereira", identityCheck: "photo ID")
        s.ledger.records["ana"] = ["profile/name": RegisterState().writing("Ana Horvat", by: HubFixtures.pcA, seen: VersionVector())]
        // The first outcome signed off with the check, then the learner renames themselves, then the second outcome.
        let named = try s.fx.attested(s.fx.supervised, by: assessor, identity: checked)
        try s.add([named[0]])
        #expect(try s.run().isEmpty)
        s.ledger.records["ana"] = ["profile/name": RegisterState().writing("Someone Else", by: HubFixtures.pcA, seen: VersionVector())]
        try s.add(Array(try s.fx.attested(s.fx.supervised, by: assessor).dropFirst()))
        #expect(try s.run().count == 1)

        let credential = try #require(s.ledger.appended.first?.state.values.first)
        let subject = try #require(credential["credentialSubject"])
        #expect(subject["name"] == "Ana Pereira" && subject["selfDeclaredName"] == nil)
        let identity = try #require(try MicroCredentialSummary(json: credential).identity)
        #expect(identity.verifiedName == "Ana Pereira" && identity.identityCheck == "photo ID")
        #expect(identity.verifiedBy == assessor.didKey.did && identity.verifierName == "Bo Berg")
        let attestationID = try JSONValue(data: Data(named[0].json.utf8))["result"]?["extensions"]?[OutcomeAttestation.attestationExtension]?["id"]
        #expect(identity.attestation != nil && identity.attestation == attestationID?.stringValue)
        #expect(!credential.encodedString.contains("Someone Else") && !credential.encodedString.contains("Ana Horvat"))
    }

    @Test("attestations naming different people, or a name from an assessor not registered with the body, give no checked name")
    func noCheckedNameWhenContradictedOrUnregistered() throws {
        let s = try Setup()
        let first = registeredAssessor(s), second = registeredAssessor(s, name: "Cy Dorn")
        try s.add(try s.fx.attested(s.fx.supervised, by: first, identity: try IdentityVerification(verifiedName: "Ana Pereira", identityCheck: "photo ID")))
        try s.add([try s.fx.attested(s.fx.supervised, by: second, identity: try IdentityVerification(verifiedName: "Anna Perreira", identityCheck: "passport"))[0]])
        #expect(try s.run().count == 1)
        let contradicted = try MicroCredentialSummary(json: try #require(s.ledger.appended.first?.state.values.first))
        #expect(!contradicted.learnerNameIsChecked && contradicted.learnerName == "Ana")

        let t = try Setup()
        let registered = registeredAssessor(t), stranger = SigningKey.generate()
        try t.add(try t.fx.attested(t.fx.supervised, by: registered))
        try t.add(try t.fx.attested(t.fx.supervised, by: stranger, identity: try IdentityVerification(verifiedName: "Mallory", identityCheck: "photo ID")))
        #expect(try t.run().count == 1)
        let unregistered = try MicroCredentialSummary(json: try #require(t.ledger.appended.first?.state.values.first))
        #expect(!unregistered.learnerNameIsChecked && unregistered.learnerName == "Ana")
    }

    @Test("only courses the push touched are looked at, unless every course is")
    func touchedCoursesOnly() throws {
        let s = try Setup()
        try s.add(s.fx.passing(s.fx.selfAssessed))
        #expect(try s.run(touched: [s.fx.supervised.learningOutcomes[0].id], everyCourse: false).isEmpty)
        #expect(try s.run(touched: [s.fx.selfAssessed.learningOutcomes[1].id], everyCourse: false).count == 1)
    }

    @Test("a supervised course needs a registered assessor's attestations; no holder DID, nothing")
    func supervisedAndHolderDID() throws {
        let s = try Setup()
        let assessor = SigningKey.generate()
        try s.add(s.fx.passing(s.fx.supervised))
        try s.add(try s.fx.attested(s.fx.supervised, by: assessor))
        #expect(try s.run().isEmpty, "the assessor is not registered")
        s.ledger.registered = [RegisteredAssessor(did: assessor.didKey.did, awardingBody: CredentialFixtures.logistik.name)]
        s.ledger.learners["ana"] = ("Ana", nil)
        #expect(try s.run().isEmpty, "no holder DID yet")
        s.ledger.learners["ana"] = ("Ana", s.holder.didKey.did)
        #expect(try s.run().count == 1)
        #expect(s.ledger.issued.map(\.courseID) == [s.fx.supervised.id])
    }

    @Test("a full status list stops issuance with a reason, and nothing is issued")
    func fullStatusList() throws {
        let s = try Setup()
        s.ledger.nextSlot["gastro-akademie-rheinland"] = CredentialIssuer.listEntries
        try s.add(s.fx.passing(s.fx.selfAssessed))
        #expect(throws: CredentialAdminError.self) { try s.run() }
        #expect(s.ledger.issued.isEmpty && s.ledger.appended.isEmpty)
    }
}
