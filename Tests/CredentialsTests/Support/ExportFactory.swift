import Credentials
import Foundation
import Catalog
import Basics

/// Builds a complete, signed learner export in memory through the public Credentials API only:
/// an awarding body's key and status list, the repository's trust list, a learner's holder key,
/// issued credentials and the presentation. Each knob changes one thing, so a test can make the
/// one defect it is about.
///
/// ```swift
/// var factory = ExportFactory()
/// factory.statuses = [0: .revoked]
/// let made = try factory.make()
/// ExportVerifier.verify(made.export, options: made.options).verdict   // .revoked
/// ```
struct ExportFactory {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)   // 2026-11-18
    static let listURL = "https://repo.example/status/bbz-logistik"

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

    struct Made {
        var export: WalletExport
        var credentials: [JSONValue]
        var options: VerificationOptions
        var issuerKey: SigningKey
        var holderKey: SigningKey
        var repositoryKey: SigningKey
        var statusList: JSONValue
        var trustList: JSONValue
    }

    var issuerKey = SigningKey.generate()
    var holderKey = SigningKey.generate()
    var repositoryKey = SigningKey.generate()
    /// Who signs the status list (the issuer unless a test says otherwise).
    var statusListSigner: SigningKey?
    /// Who signs the trust list (the repository unless a test says otherwise).
    var trustListSigner: SigningKey?
    /// Who signs the presentation (the holder unless a test says otherwise).
    var presentationSigner: SigningKey?
    var course = ExportFactory.course
    var learnerName = "Ana Sousa"
    /// An assessor's identity check for every credential (nil: the name is self-declared).
    var identity: IdentityVerification?
    var credentialCount = 1
    var challenge: String? = "job-4711"
    var domain: String? = "jobs.example"
    /// Entries set in the status list, by credential number (index = 100 + number).
    var statuses: [Int: CredentialStatusValue] = [:]
    var issued = ExportFactory.now.addingTimeInterval(-10 * 86_400)
    var validUntil: Date?
    /// false: credentials as issued before they named the OB 3.0 schema (no `credentialSchema`).
    var namesSchema = true
    var issuerOnTrustList = true
    /// The awarding body's keys as a rotated body's trust list lists them (empty: never rotated).
    var issuerKeyWindows: [IssuerKeyWindow] = []
    /// The trust list's succession statements of the repository key.
    var trustListSuccessions: [JSONValue] = []
    var bundleStatusList = true
    var statusListFetched = ExportFactory.now.addingTimeInterval(-3 * 86_400)
    var now = ExportFactory.now

    func make() throws -> Made {
        let issuer = IssuerProfile(did: issuerKey.didKey, name: course.awardingBody.name, country: course.awardingBody.country, url: course.awardingBody.url)
        var credentials: [JSONValue] = []
        var bitstring = StatusBitstring()
        for number in 0..<credentialCount {
            var unsigned = MicroCredential.unsigned(
                id: "urn:uuid:6f1c1d2e-0000-4000-8000-\(String(format: "%012d", number))", course: course,
                learnerDID: holderKey.didKey.did, learnerID: "ana", selfDeclaredName: learnerName, identity: identity, issuer: issuer, issued: issued,
                status: StatusEntry(listURL: Self.listURL, index: 100 + number))
            if let validUntil, case .object(var fields) = unsigned {
                fields["validUntil"] = .string(CredentialDate.string(from: validUntil))
                unsigned = .object(fields)
            }
            if !namesSchema, case .object(var fields) = unsigned {
                fields["credentialSchema"] = nil
                unsigned = .object(fields)
            }
            credentials.append(try DataIntegrity.sign(unsigned, key: issuerKey, purpose: .assertionMethod, created: issued))
            if let status = statuses[number] { bitstring[100 + number] = status }
        }
        let listSigner = statusListSigner ?? issuerKey
        let statusList = try DataIntegrity.sign(
            StatusListCredential.unsigned(url: Self.listURL, issuer: listSigner.didKey, validFrom: statusListFetched.addingTimeInterval(-3600), bitstring: bitstring),
            key: listSigner, purpose: .assertionMethod, created: statusListFetched.addingTimeInterval(-3600))

        let body = TrustListContent.AwardingBody(did: issuerKey.didKey.did, name: issuer.name, country: issuer.country, url: issuer.url,
                                                 slug: "bbz-logistik", statusList: Self.listURL, keys: issuerKeyWindows)
        let other = TrustListContent.AwardingBody(did: SigningKey.generate().didKey.did, name: "Gastro-Akademie Rheinland", country: "DE",
                                                  url: nil, slug: "gastro-akademie-rheinland", statusList: "https://repo.example/status/gastro-akademie-rheinland")
        var content = TrustListContent(version: 4, verificationPage: "https://repo.example/verify",
                                       awardingBodies: issuerOnTrustList ? [other, body] : [other], assessors: [])
        content.successions = trustListSuccessions
        let trustSigner = trustListSigner ?? repositoryKey
        let trustList = try DataIntegrity.sign(content.unsignedCredential(id: "https://repo.example/trust-list", issuer: trustSigner.didKey, validFrom: now.addingTimeInterval(-86_400)),
                                               key: trustSigner, purpose: .assertionMethod, created: now.addingTimeInterval(-86_400))

        let vpSigner = presentationSigner ?? holderKey
        let vp = Presentation.unsigned(id: "urn:uuid:0b5e7a3c-1111-4000-8000-000000000001", holder: holderKey.didKey, credentials: credentials)
        let signedVP = try DataIntegrity.sign(vp, key: vpSigner, purpose: .authentication, created: now.addingTimeInterval(-60),
                                              challenge: challenge, domain: domain)
        let export = WalletExport(
            exportedAt: now.addingTimeInterval(-60), presentation: signedVP,
            statusLists: bundleStatusList ? [.init(url: Self.listURL, fetchedAt: statusListFetched, credential: statusList)] : [],
            trustList: .init(fetchedAt: now.addingTimeInterval(-3600), credential: trustList))
        let options = VerificationOptions(challenge: challenge, domain: domain, trustAnchor: repositoryKey.didKey.did, now: now)
        return Made(export: export, credentials: credentials, options: options, issuerKey: issuerKey, holderKey: holderKey,
                    repositoryKey: repositoryKey, statusList: statusList, trustList: trustList)
    }
}

extension ExportFactory {
    /// A trust list listing `issuer`, signed by `repository`.
    static func signedTrustList(issuer: SigningKey, repository: SigningKey) throws -> JSONValue {
        let body = TrustListContent.AwardingBody(did: issuer.didKey.did, name: course.awardingBody.name, country: course.awardingBody.country,
                                                 url: course.awardingBody.url, slug: "bbz-logistik", statusList: listURL)
        let content = TrustListContent(version: 5, verificationPage: "https://repo.example/verify", awardingBodies: [body], assessors: [])
        return try DataIntegrity.sign(content.unsignedCredential(id: "https://repo.example/trust-list", issuer: repository.didKey, validFrom: now),
                                      key: repository, purpose: .assertionMethod, created: now)
    }
}
