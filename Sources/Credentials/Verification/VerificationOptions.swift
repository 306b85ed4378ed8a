import Foundation
import Basics

/// What the person verifying an export knows and the file cannot tell them: the challenge and
/// domain they gave the learner, status lists they fetched themselves, the trust list and the
/// repository DID they trust, and the time to check validity at.
///
/// ```swift
/// let options = VerificationOptions(challenge: "job-4711", domain: "jobs.example",
///                                   trustAnchor: "did:key:z6Mk…", now: Date())
/// let report = ExportVerifier.verify(export, options: options)
/// ```
public struct VerificationOptions: Sendable {
    /// The challenge the presentation must be bound to; nil accepts only a proof without one.
    public var challenge: String?
    /// The domain the presentation must be bound to; nil accepts only a proof without one.
    public var domain: String?
    /// Signed `BitstringStatusListCredential`s the verifier fetched. One replaces the export's copy
    /// of the same list (same `id`) unless the export's copy is newer by `validFrom`.
    public var statusLists: [JSONValue]
    /// A signed trust list to use instead of the copy bundled in the export.
    public var trustList: JSONValue?
    /// The repository DID the trust list must be signed by. Without it no issuer can be trusted:
    /// anyone can sign a trust list and put it in a file.
    public var trustAnchor: String?
    public var now: Date
    /// What the status lists of this verification may inflate to, together (a server verifying
    /// files from anyone keeps it small).
    public var statusListBudgetBytes: Int
    /// The lists in `statusLists` are the live status (a repository checking its own credentials):
    /// a copy in the file never replaces one, however new it claims to be.
    public var statusListsAreLive = false

    public init(challenge: String? = nil, domain: String? = nil, statusLists: [JSONValue] = [], trustList: JSONValue? = nil,
                trustAnchor: String? = nil, now: Date, statusListBudgetBytes: Int = StatusListResolver.defaultInflateBudget) {
        self.statusListBudgetBytes = statusListBudgetBytes
        self.challenge = challenge
        self.domain = domain
        self.statusLists = statusLists
        self.trustList = trustList
        self.trustAnchor = trustAnchor
        self.now = now
    }
}
