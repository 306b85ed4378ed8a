import Credentials
import Foundation
import Testing
import Basics

/// Issue 11 item 7: the name on a credential is the one an assessor checked (their signed
/// attestation), with who checked it; the learner's own profile name is only ever stated as
/// self-declared, in a term no reader of `name` mistakes for a checked one.
@Suite struct LearnerNameTests {
    static let assessorDID = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"

    static func checked() throws -> IdentityVerification {
        try IdentityVerification(verifiedName: "Ana Pereira", identityCheck: "photo ID")
            .attributed(to: assessorDID, name: "Bo Berg", attestation: "urn:uuid:0a7e0000-0000-4000-8000-000000000001")
    }

    @Test func aCheckedNameIsTheSubjectsNameWithWhoCheckedIt() throws {
        let issuerKey = SigningKey.generate()
        let credential = try MicroCredentialTests.signedCredential(issuerKey: issuerKey, identity: Self.checked())
        #expect(DataIntegrity.verify(credential, purpose: .assertionMethod) == .valid(signer: issuerKey.didKey))
        let subject = try #require(credential["credentialSubject"])
        #expect(subject["name"] == "Ana Pereira")
        #expect(subject["selfDeclaredName"] == nil, "the profile name is not stated next to a checked one")
        // OB 3.0's own way to name the recipient: an IdentityObject of type name. The learner id stays first.
        let identifiers = try #require(subject["identifier"]?.arrayValue)
        #expect(identifiers.first?["identityType"] == "identifier" && identifiers.first?["identityHash"] == "ana")
        #expect(identifiers.contains { $0["identityType"] == "name" && $0["identityHash"] == "Ana Pereira" && $0["hashed"] == .bool(false) })
        // The EU element "supervision and identity verification": who checked, how, on which attestation.
        let check = try #require(subject["identityVerification"])
        #expect(check["type"] == "IdentityVerification" && check["verifiedName"] == "Ana Pereira" && check["identityCheck"] == "photo ID")
        #expect(check["verifiedBy"] == .string(Self.assessorDID) && check["verifierName"] == "Bo Berg")
        #expect(check["attestation"] == "urn:uuid:0a7e0000-0000-4000-8000-000000000001")

        let summary = try MicroCredentialSummary(json: credential)
        #expect(summary.learnerName == "Ana Pereira" && summary.learnerNameIsChecked && summary.learnerID == "ana")
        #expect(summary.identity?.verifierName == "Bo Berg" && summary.identity?.verifiedBy == Self.assessorDID)
        #expect(summary.learnerNameWithSource == "Ana Pereira (identity checked by Bo Berg: photo ID)")
    }

    @Test func withoutACheckTheProfileNameIsOnlySelfDeclared() throws {
        let credential = try MicroCredentialTests.signedCredential()
        let subject = try #require(credential["credentialSubject"])
        #expect(subject["name"] == nil, "a generic verifier reading `name` must not find an unchecked name")
        #expect(subject["identityVerification"] == nil)
        #expect(subject["selfDeclaredName"] == "Ana Sousa")
        #expect(subject["identifier"]?.arrayValue?.contains { $0["identityType"] == "name" } == false)
        let summary = try MicroCredentialSummary(json: credential)
        #expect(summary.learnerName == "Ana Sousa" && !summary.learnerNameIsChecked)
        #expect(summary.learnerNameWithSource == "Ana Sousa (name given by the learner, not checked)")
    }

    /// Credentials issued before names were checked carry the profile name in `name`: read as self-declared.
    @Test func aCredentialFromBeforeNamesWereCheckedReadsAsSelfDeclared() throws {
        var credential = try MicroCredentialTests.signedCredential()
        guard case .object(var fields) = credential, case .object(var subject)? = fields["credentialSubject"] else {
            Issue.record("not an object")
            return
        }
        subject["selfDeclaredName"] = nil
        subject["name"] = "Ana Sousa"
        fields["credentialSubject"] = .object(subject)
        credential = .object(fields)
        let summary = try MicroCredentialSummary(json: credential)
        #expect(summary.learnerName == "Ana Sousa" && !summary.learnerNameIsChecked)
        #expect(summary.learnerNameSource == MicroCredentialSummary.nameNotChecked)
    }

    @Test func theAttestationCarriesTheCheckedNameUnderTheAssessorsSignature() throws {
        let assessor = SigningKey.generate(), now = Date(timeIntervalSince1970: 1_795_000_000)
        let identity = try IdentityVerification(verifiedName: "  Ana Pereira ", identityCheck: "photo ID")
        #expect(identity.verifiedName == "Ana Pereira", "trimmed")
        let unsigned = OutcomeAttestation(learnerDID: "did:key:z6Mkholder", learnerID: "ana", course: "c", outcome: "c/lo1",
                                          passed: true, score: nil, note: nil, identity: identity)
            .unsignedCredential(id: "urn:uuid:1", assessor: assessor.didKey, validFrom: now)
        #expect(unsigned["@context"]?.arrayValue?.contains(.string(MicroCredentialContext.url)) == true)
        let signed = try DataIntegrity.sign(unsigned, key: assessor, purpose: .assertionMethod, created: now)
        let read = try OutcomeAttestation(json: signed)
        #expect(read.identity == identity && read.id == "urn:uuid:1" && read.assessorDID == assessor.didKey.did)
        #expect(signed["credentialSubject"]?["identityVerification"]?["verifiedBy"] == nil, "the attestation's issuer is who checked")
        // Without a name it reads as before.
        let plain = OutcomeAttestation(learnerDID: "did:key:z6Mkholder", learnerID: "ana", course: "c", outcome: "c/lo1", passed: true, score: nil, note: nil)
            .unsignedCredential(id: "urn:uuid:2", assessor: assessor.didKey, validFrom: now)
        #expect(try OutcomeAttestation(json: plain).identity == nil)
    }

    @Test func aNameMustBePlainTextOfSensibleLength() {
        for (name, check) in [("", "photo ID"), ("   ", "photo ID"), ("Ana", ""), (String(repeating: "a", count: 201), "photo ID"),
                              ("Ana\u{1B}[2JPereira", "photo ID"), ("Ana\nPereira", "photo ID"), ("Ana", "photo\u{0}ID")] {
            #expect(throws: CredentialError.self, "\(name.debugDescription) / \(check.debugDescription)") {
                try IdentityVerification(verifiedName: name, identityCheck: check)
            }
        }
        #expect((try? IdentityVerification(verifiedName: "Zoë O'Brien-Łukasiewicz", identityCheck: "passport")) != nil)
    }
}
