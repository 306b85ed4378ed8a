import Foundation
import Basics

/// One credential in `GET /v1/learners/{id}/credentials`: what a learner recognises it by and
/// whether it still holds. `status` is `valid`, `suspended`, `revoked` or `unknown` (no status
/// list fetched yet), as of `statusCheckedAt`; `problem` says why the check on arrival failed.
///
/// ```swift
/// let list = try JSONDecoder().decode(CredentialList.self, from: body)
/// for c in list.credentials { print(c.title, c.awardingBody, c.status) }
/// ```
public struct CredentialListItem: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var awardingBody: String
    public var country: String?
    public var issued: String?
    public var status: String
    public var statusCheckedAt: String?
    public var verified: Bool
    public var problem: String?

    public init(id: String, title: String, awardingBody: String, country: String?, issued: String?, status: String,
                statusCheckedAt: String?, verified: Bool, problem: String?) {
        self.id = id
        self.title = title
        self.awardingBody = awardingBody
        self.country = country
        self.issued = issued
        self.status = status
        self.statusCheckedAt = statusCheckedAt
        self.verified = verified
        self.problem = problem
    }
}

/// `GET /v1/learners/{id}/credentials`: a page of them in the order they arrived (`Paging`).
public struct CredentialList: PagedAnswer, Equatable {
    public var credentials: [CredentialListItem]
    /// The next page's path (absent on the last page).
    public var next: String?
    public init(credentials: [CredentialListItem], next: String? = nil) {
        self.credentials = credentials
        self.next = next
    }

    public mutating func append(page: CredentialList) {
        credentials += page.credentials
        next = page.next
    }
}

/// `GET /v1/learners/{id}/credentials/{credential}`: the list entry and the signed credential.
public struct CredentialDetail: Codable, Sendable, Equatable {
    public var summary: CredentialListItem
    public var credential: JSONValue
    public init(summary: CredentialListItem, credential: JSONValue) {
        self.summary = summary
        self.credential = credential
    }
}

/// `POST /v1/learners/{id}/exports`: which credentials go into the presentation, and the
/// employer's challenge and domain when they gave them. The answer is the export file's JSON.
///
/// ```swift
/// let request = ExportRequest(credentials: [id], challenge: "job-4711", domain: "hr.example.com")
/// ```
public struct ExportRequest: Codable, Sendable, Equatable {
    public static let maxCredentials = 100
    public var credentials: [String]
    public var challenge: String?
    public var domain: String?
    public init(credentials: [String], challenge: String?, domain: String?) {
        self.credentials = credentials
        self.challenge = challenge
        self.domain = domain
    }
}

/// `POST /v1/learners/{id}/attestations`: an assessor, logged in, signs off one learning outcome
/// of learner `{id}`. `score` is scaled 0…1. `verifiedName` and `identityCheck` (both or
/// neither): the name of the person the assessor assessed, as they checked it, and how
/// ("photo ID"); the only way a checked name gets onto the course's credential.
///
/// ```swift
/// let request = AttestationRequest(outcome: "forklift-safety/lo1", result: "passed", score: 0.9, note: nil,
///                                  verifiedName: "Ana Pereira", identityCheck: "photo ID")
/// ```
public struct AttestationRequest: Codable, Sendable, Equatable {
    public var outcome: String
    public var result: String
    public var score: Double?
    public var note: String?
    public var verifiedName: String?
    public var identityCheck: String?
    public init(outcome: String, result: String, score: Double?, note: String?, verifiedName: String? = nil, identityCheck: String? = nil) {
        self.outcome = outcome
        self.result = result
        self.score = score
        self.note = note
        self.verifiedName = verifiedName
        self.identityCheck = identityCheck
    }
}

/// The answer to an attestation: the statement that carries it into the learner's record.
public struct AttestationResponse: Codable, Sendable, Equatable {
    public var statement: String
    public var attestation: String
    public var course: String
    public var outcome: String
    public var result: String
    public init(statement: String, attestation: String, course: String, outcome: String, result: String) {
        self.statement = statement
        self.attestation = attestation
        self.course = course
        self.outcome = outcome
        self.result = result
    }
}

/// `GET /v1/trust`: the repository's signed trust list this PC holds, the key it pinned, and when
/// it was fetched. Public: it names awarding bodies and assessors, nothing about learners.
public struct TrustResponse: Codable, Sendable, Equatable {
    public var anchor: String
    public var version: Int
    public var fetchedAt: String
    public var trustList: JSONValue
    public init(anchor: String, version: Int, fetchedAt: String, trustList: JSONValue) {
        self.anchor = anchor
        self.version = version
        self.fetchedAt = fetchedAt
        self.trustList = trustList
    }
}
