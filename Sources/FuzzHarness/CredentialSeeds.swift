import Basics
import Catalog
import CredentialPages
import Credentials
import Foundation

/// A complete signed export made through the public Credentials API (as CredentialsTests'
/// ExportFactory makes it): an awarding body's credential with its status list, the repository's
/// trust list and the holder's presentation for challenge "job-4711" at "jobs.example" — the
/// options `CredentialProperty` verifies with, so the seed reaches every check. Also as an export
/// page and as repositoryd's `POST /verify` form. Keys come from fixed seeds (Ed25519 signs
/// deterministically), so the same bytes come out each time: these are test keys, never used elsewhere.
enum CredentialSeeds {
    static let listURL = "https://repo.example/status/bbz-logistik"

    /// The repository whose trust list the seed carries; `CredentialProperty` trusts its DID.
    static func repository() throws -> SigningKey { try SigningKey(seed: Array(repeating: 3, count: 32)) }

    static func export() throws -> WalletExport {
        let now = CredentialProperty.now
        let issuerKey = try SigningKey(seed: Array(repeating: 1, count: 32)), holderKey = try SigningKey(seed: Array(repeating: 2, count: 32))
        let repositoryKey = try repository()
        let course = Course(
            id: "https://catalog.vet-centre.example/courses/forklift-safety", title: "Safe operation of counterbalance forklift trucks",
            description: "Pre-use checks, safe driving and load handling.", language: "de-AT", eqfLevel: 3, ectsCredits: 2, ecvetPoints: 2.5,
            learningOutcomes: [LearningOutcome(id: "https://catalog.vet-centre.example/courses/forklift-safety/outcomes/stacking", text: "Stacks palletised loads.")],
            assessment: .supervised, participation: .onsite, qualityAssurance: "Observed by a certified instructor.",
            awardingBody: AwardingBody(name: "Berufsbildungszentrum Logistik Steiermark", country: "AT", url: "https://bbz.example"), workloadHours: 50)
        let issuer = IssuerProfile(did: issuerKey.didKey, name: course.awardingBody.name, country: course.awardingBody.country, url: course.awardingBody.url)
        let issued = now.addingTimeInterval(-10 * 86_400)
        let credential = try DataIntegrity.sign(
            MicroCredential.unsigned(id: "urn:uuid:6f1c1d2e-0000-4000-8000-000000000000", course: course, learnerDID: holderKey.didKey.did,
                                     learnerID: "ana", selfDeclaredName: "Ana Sousa", issuer: issuer, issued: issued,
                                     status: StatusEntry(listURL: listURL, index: 100)),
            key: issuerKey, purpose: .assertionMethod, created: issued)
        let fetched = now.addingTimeInterval(-3 * 86_400)
        let statusList = try DataIntegrity.sign(
            StatusListCredential.unsigned(url: listURL, issuer: issuerKey.didKey, validFrom: fetched.addingTimeInterval(-3600), bitstring: StatusBitstring()),
            key: issuerKey, purpose: .assertionMethod, created: fetched.addingTimeInterval(-3600))
        let body = TrustListContent.AwardingBody(did: issuerKey.didKey.did, name: issuer.name, country: issuer.country, url: issuer.url,
                                                 slug: "bbz-logistik", statusList: listURL)
        let content = TrustListContent(version: 4, verificationPage: "https://repo.example/verify", awardingBodies: [body], assessors: [])
        let trustList = try DataIntegrity.sign(
            content.unsignedCredential(id: "https://repo.example/trust-list", issuer: repositoryKey.didKey, validFrom: now.addingTimeInterval(-86_400)),
            key: repositoryKey, purpose: .assertionMethod, created: now.addingTimeInterval(-86_400))
        let presentation = try DataIntegrity.sign(
            Presentation.unsigned(id: "urn:uuid:0b5e7a3c-1111-4000-8000-000000000001", holder: holderKey.didKey, credentials: [credential]),
            key: holderKey, purpose: .authentication, created: now.addingTimeInterval(-60),
            challenge: CredentialProperty.options.challenge, domain: CredentialProperty.options.domain)
        return WalletExport(exportedAt: now.addingTimeInterval(-60), presentation: presentation,
                            statusLists: [.init(url: listURL, fetchedAt: fetched, credential: statusList)],
                            trustList: .init(fetchedAt: now.addingTimeInterval(-3600), credential: trustList))
    }

    static func credentialSeeds() -> [(name: String, bytes: [UInt8])] {
        guard let export = try? export() else { return [] }
        return [
            ("signed-export", export.json.canonicalData()),
            ("signed-presentation", export.presentation.canonicalData()),
            ("signed-export-page", Array(ExportPage.html(export: export, statuses: [:]).utf8)),
        ]
    }

    static func formSeeds() -> [(name: String, bytes: [UInt8])] {
        guard let export = try? export() else { return [] }
        let document = String(decoding: export.json.canonicalData(), as: UTF8.self)
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = document.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return [("verify-form-export", Array("challenge=job-4711&domain=jobs.example&document=\(encoded)".utf8))]
    }
}
