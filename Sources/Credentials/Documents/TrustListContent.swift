import Foundation
import Catalog
import Basics

/// The repository's list of the awarding bodies it vouches for (with their issuer DIDs and status
/// lists) and of the assessors registered with each, signed by the repository's own key. A PC
/// pins that key the first time it fetches the list; verifiers check issuers against it.
///
/// ```swift
/// let content = TrustListContent(version: 3, verificationPage: "https://repo.example/verify", awardingBodies: bodies, assessors: [])
/// let signed = try DataIntegrity.sign(content.unsignedCredential(id: url, issuer: repoKey.didKey, validFrom: now),
///                                     key: repoKey, purpose: .assertionMethod, created: now)
/// let read = try TrustListContent(json: signed)
/// read.awardingBody(did: credentialIssuer)?.name
/// ```
public struct TrustListContent: Sendable, Equatable {
    public struct AwardingBody: Sendable, Equatable {
        public var did: String
        public var name: String
        public var country: String
        public var url: String?
        public var slug: String
        public var statusList: String
        /// Every key of the body with its window, the current one (`did`) last; empty when the
        /// body's key never rotated (then `did` signs without a window).
        public var keys: [IssuerKeyWindow]

        public init(did: String, name: String, country: String, url: String?, slug: String, statusList: String, keys: [IssuerKeyWindow] = []) {
            self.did = did
            self.keys = keys
            self.name = name
            self.country = country
            self.url = url
            self.slug = slug
            self.statusList = statusList
        }
    }

    public struct Assessor: Sendable, Equatable {
        public var did: String
        public var name: String
        public var assessorID: String
        /// The DID of the awarding body the assessor is registered with.
        public var awardingBody: String

        public init(did: String, name: String, assessorID: String, awardingBody: String) {
            self.did = did
            self.name = name
            self.assessorID = assessorID
            self.awardingBody = awardingBody
        }
    }

    public var version: Int
    public var verificationPage: String
    public var awardingBodies: [AwardingBody]
    public var assessors: [Assessor]
    /// The signed succession statements of the repository's trust-list key, oldest first
    /// (`TrustAnchorSuccession`): how a verifier who pinned an older key reaches the signer.
    public var successions: [JSONValue] = []
    /// Set when read from a signed list: the `issuer` (the repository's DID) and `validFrom`.
    public var issuer: String?
    public var validFrom: Date?

    public init(version: Int, verificationPage: String, awardingBodies: [AwardingBody], assessors: [Assessor]) {
        self.version = version
        self.verificationPage = verificationPage
        self.awardingBodies = awardingBodies
        self.assessors = assessors
    }

    /// The body `did` is a key of, current or retired (`AwardingBody.window(for:)` says when it signs).
    public func awardingBody(did: String) -> AwardingBody? { awardingBodies.first { $0.did == did || $0.keys.contains { $0.did == did } } }
    public func awardingBody(named name: String) -> AwardingBody? { awardingBodies.first { $0.name == name } }
    public func assessor(did: String) -> Assessor? { assessors.first { $0.did == did } }

    public func unsignedCredential(id: String, issuer: DIDKey, validFrom: Date) -> JSONValue {
        let bodies: [JSONValue] = awardingBodies.map { body in
            var entry: [String: JSONValue] = [
                "id": .string(body.did), "name": .string(body.name), "country": .string(body.country),
                "slug": .string(body.slug), "statusList": .string(body.statusList),
            ]
            if let url = body.url { entry["url"] = .string(url) }
            if !body.keys.isEmpty { entry["keys"] = .array(body.keys.map(\.json)) }
            return .object(entry)
        }
        let people: [JSONValue] = assessors.map {
            ["id": .string($0.did), "name": .string($0.name), "assessorId": .string($0.assessorID), "awardingBody": .string($0.awardingBody)]
        }
        var subject: [String: JSONValue] = [
            "type": "AwardingBodyTrustList",
            "version": .number(Double(version)),
            "verificationPage": .string(verificationPage),
            "awardingBodies": .array(bodies),
            "assessors": .array(people),
        ]
        if !successions.isEmpty { subject["trustAnchorSuccession"] = .array(successions) }
        return .object([
            "@context": [.string(CredentialContexts.credentialsV2), .string(MicroCredentialContext.url)],
            "id": .string(id),
            "type": ["VerifiableCredential", "TrustListCredential"],
            "issuer": .string(issuer.did),
            "validFrom": .string(CredentialDate.string(from: validFrom)),
            "credentialSubject": .object(subject),
        ])
    }

    /// Reads a trust list credential's content (verify its proof and signer first).
    /// More keys than a body rotates through in decades; bounds what a list makes a verifier read.
    public static let maximumKeysPerBody = 64

    public init(json: JSONValue) throws(CredentialError) {
        guard let types = json["type"]?.arrayValue, types.contains("TrustListCredential") else {
            throw .invalid("this is not a trust list (type must include TrustListCredential)")
        }
        guard let subject = json["credentialSubject"]?.objectValue else { throw .invalid("the trust list has no credentialSubject") }
        guard let version = subject["version"]?.doubleValue, let whole = Int(exactly: version), whole >= 0 else {
            throw .invalid("the trust list's version must be a whole number")
        }
        guard let page = subject["verificationPage"]?.stringValue else { throw .invalid("the trust list names no verificationPage") }
        var bodies: [AwardingBody] = []
        for entry in subject["awardingBodies"]?.arrayValue ?? [] {
            guard let did = entry["id"]?.stringValue, let name = entry["name"]?.stringValue,
                  let country = entry["country"]?.stringValue, let slug = entry["slug"]?.stringValue,
                  let list = entry["statusList"]?.stringValue
            else { throw .invalid("an awarding body of the trust list lacks id, name, country, slug or statusList") }
            let keys = entry["keys"]?.arrayValue ?? []
            guard keys.count <= Self.maximumKeysPerBody else {
                throw .invalid("awarding body \(name.prefix(80)) lists \(keys.count) keys; at most \(Self.maximumKeysPerBody) are read")
            }
            var windows: [IssuerKeyWindow] = []
            for key in keys { windows.append(try IssuerKeyWindow(json: key)) }
            bodies.append(AwardingBody(did: did, name: name, country: country, url: entry["url"]?.stringValue, slug: slug, statusList: list, keys: windows))
        }
        var people: [Assessor] = []
        for entry in subject["assessors"]?.arrayValue ?? [] {
            guard let did = entry["id"]?.stringValue, let name = entry["name"]?.stringValue,
                  let assessorID = entry["assessorId"]?.stringValue, let body = entry["awardingBody"]?.stringValue
            else { throw .invalid("an assessor of the trust list lacks id, name, assessorId or awardingBody") }
            people.append(Assessor(did: did, name: name, assessorID: assessorID, awardingBody: body))
        }
        self.init(version: whole, verificationPage: page, awardingBodies: bodies, assessors: people)
        let successions = subject["trustAnchorSuccession"]?.arrayValue ?? []
        guard successions.count <= TrustAnchorSuccession.maximumChainLength else {
            throw .invalid("the trust list carries \(successions.count) key successions; at most \(TrustAnchorSuccession.maximumChainLength) are followed")
        }
        self.successions = successions
        issuer = json["issuer"]?.stringValue ?? json["issuer"]?["id"]?.stringValue
        validFrom = json["validFrom"]?.stringValue.flatMap(CredentialDate.parse)
    }
}
