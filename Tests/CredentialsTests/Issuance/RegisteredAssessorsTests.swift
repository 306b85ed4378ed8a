import Credentials
import Foundation
import Testing
import Basics

@Suite struct RegisteredAssessorsTests {
    @Test func aSignedTrustListNamesEachAssessorsBodyByName() throws {
        let gastro = SigningKey.generate(), logistik = SigningKey.generate(), repository = SigningKey.generate()
        let eva = SigningKey.generate().didKey.did, rui = SigningKey.generate().didKey.did, lost = SigningKey.generate().didKey.did
        let bodies = [
            TrustListContent.AwardingBody(did: gastro.didKey.did, name: "Gastro-Akademie Rheinland", country: "DE", url: nil,
                                          slug: "gastro-akademie-rheinland", statusList: "https://repo.example/status/gastro-akademie-rheinland"),
            TrustListContent.AwardingBody(did: logistik.didKey.did, name: "Berufsbildungszentrum Logistik Steiermark", country: "AT", url: nil,
                                          slug: "berufsbildungszentrum-logistik-steiermark", statusList: "https://repo.example/status/bbz"),
        ]
        let people = [
            TrustListContent.Assessor(did: eva, name: "Eva Berger", assessorID: "a-1", awardingBody: logistik.didKey.did),
            TrustListContent.Assessor(did: rui, name: "Rui Costa", assessorID: "a-2", awardingBody: gastro.didKey.did),
            // Registered with a body the list does not name: registered with none of its bodies.
            TrustListContent.Assessor(did: lost, name: "Nobody's", assessorID: "a-3", awardingBody: SigningKey.generate().didKey.did),
        ]
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let content = TrustListContent(version: 2, verificationPage: "https://repo.example/verify", awardingBodies: bodies, assessors: people)
        let signed = try DataIntegrity.sign(content.unsignedCredential(id: "https://repo.example/trust-list", issuer: repository.didKey, validFrom: now),
                                            key: repository, purpose: .assertionMethod, created: now)
        #expect(try TrustListContent(json: signed).registeredAssessors == [
            RegisteredAssessor(did: eva, awardingBody: "Berufsbildungszentrum Logistik Steiermark"),
            RegisteredAssessor(did: rui, awardingBody: "Gastro-Akademie Rheinland"),
        ])
    }
}
