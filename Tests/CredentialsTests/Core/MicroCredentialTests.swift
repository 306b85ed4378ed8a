import Credentials
import Foundation
import Testing
import Catalog
import Basics

@Suite struct MicroCredentialTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static let course = Course(
        id: "https://catalog.vet-centre.example/courses/forklift-safety", title: "Safe operation of counterbalance forklift trucks",
        description: "Pre-use checks, safe driving and load handling.", language: "de-AT", eqfLevel: 3, ectsCredits: 2, ecvetPoints: 2.5,
        learningOutcomes: [
            LearningOutcome(id: "https://catalog.vet-centre.example/courses/forklift-safety/outcomes/pre-use-check", text: "Carries out the daily pre-use inspection."),
            LearningOutcome(id: "https://catalog.vet-centre.example/courses/forklift-safety/outcomes/stacking", text: "Stacks palletised loads.",
                            escoSkill: "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"),
        ],
        assessment: .supervised, participation: .onsite, qualityAssurance: "Observed by a certified instructor; EQAVET audited.",
        awardingBody: AwardingBody(name: "Berufsbildungszentrum Logistik Steiermark", country: "AT", url: "https://bbz.example"), workloadHours: 50)

    /// A signed credential as the repository issues it, for other tests too.
    static func signedCredential(issuerKey: SigningKey = SigningKey.generate(), holder: DIDKey = SigningKey.generate().didKey,
                                 index: Int = 17, identity: IdentityVerification? = nil) throws -> JSONValue {
        let issuer = IssuerProfile(did: issuerKey.didKey, name: course.awardingBody.name, country: "AT", url: course.awardingBody.url)
        let unsigned = MicroCredential.unsigned(id: "urn:uuid:6f1c1d2e-0000-4000-8000-000000000001", course: course, learnerDID: holder.did,
                                                learnerID: "ana", selfDeclaredName: "Ana Sousa", identity: identity,
                                                issuer: issuer, issued: now,
                                                status: StatusEntry(listURL: "https://repo.example/status/bbz", index: index))
        return try DataIntegrity.sign(unsigned, key: issuerKey, purpose: .assertionMethod, created: now)
    }

    @Test func carriesEveryEUElementAndReadsBack() throws {
        let issuerKey = SigningKey.generate(), holder = SigningKey.generate().didKey
        let credential = try Self.signedCredential(issuerKey: issuerKey, holder: holder)
        #expect(DataIntegrity.verify(credential, purpose: .assertionMethod) == .valid(signer: issuerKey.didKey))
        let s = try MicroCredentialSummary(json: credential)
        #expect(s.subjectDID == holder.did && s.learnerID == "ana" && s.learnerName == "Ana Sousa")   // learner
        #expect(s.title == Self.course.title)                                                        // title
        #expect(s.issuerCountry == "AT")                                                             // country
        #expect(s.issuerName == Self.course.awardingBody.name && s.issuerDID == issuerKey.didKey.did) // awarding body
        #expect(s.validFrom == Self.now)                                                             // date of issuing
        #expect(s.outcomes.map(\.id) == Self.course.learningOutcomes.map(\.id))                      // learning outcomes
        #expect(s.ectsCredits == 2 && s.ecvetPoints == 2.5 && s.workloadHours == 50)                 // workload
        #expect(s.eqfLevel == 3)                                                                     // EQF level
        #expect(s.assessmentType == "supervised")                                                    // type of assessment
        #expect(s.participationForm == "onsite")                                                     // form of participation
        #expect(s.qualityAssurance == Self.course.qualityAssurance)                                  // quality assurance
        #expect(s.status == StatusEntry(listURL: "https://repo.example/status/bbz", index: 17))
    }

    @Test func typesAndProofsAreArraysAndNumbersAreCanonical() throws {
        let credential = try Self.signedCredential()
        #expect(credential["type"]?.arrayValue?.contains("OpenBadgeCredential") == true)
        #expect(credential["proof"]?.arrayValue?.count == 1)
        #expect(credential["credentialStatus"]?["id"]?.stringValue != nil)
        let text = credential.encodedString
        #expect(text.contains(#""ectsCredits":2,"#) && !text.contains("2.0"))
        #expect(text.contains(#""ecvetPoints":2.5"#))
    }
}
