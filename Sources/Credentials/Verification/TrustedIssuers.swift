import Foundation
import Basics

/// The awarding bodies a verifier may trust: read from a trust list whose proof is valid and whose
/// signer is the repository DID the verifier pinned (`trustAnchor`). A trust list that anyone
/// could have signed proves nothing, so without an anchor the list is refused with a word on how
/// to give one.
///
/// ```swift
/// let trust = TrustedIssuers(trustList: export.trustList?.credential, anchor: "did:key:z6Mk…")
/// if case .trusted(let content, _) = trust.state, let body = content.awardingBody(did: issuer) { print(body.name) }
/// ```
public struct TrustedIssuers: Sendable {
    /// Whether the trust list was accepted.
    ///
    /// ```swift
    /// if case .refused(let why) = trust.state { print(why) }
    /// ```
    public enum State: Sendable {
        /// The list's content and the line that says why it is trusted.
        case trusted(TrustListContent, detail: String)
        case refused(String)
    }

    public let state: State

    public init(trustList: JSONValue?, anchor: String?) {
        state = Self.evaluate(trustList, anchor: anchor)
    }

    /// The line for the presentation-level "trust list" check.
    public var line: VerificationReport.Line {
        switch state {
        case .trusted(_, let detail): VerificationReport.Line(check: "trust list", outcome: .pass, detail: detail)
        case .refused(let why): VerificationReport.Line(check: "trust list", outcome: .fail, detail: why)
        }
    }

    /// The per-credential line: is `issuer` a recognised awarding body, and was the credential
    /// signed (`signedAt`, its proof's `created`) while that key of the body could sign?
    public func issuerLine(issuer: String, issuerName: String?, credential: String?, signedAt: Date? = nil) -> VerificationReport.Line {
        let named = issuerName.map { "'\($0)' (\(issuer))" } ?? issuer
        guard case .trusted(let content, _) = state else {
            return VerificationReport.Line(check: "issuer trusted", outcome: .fail,
                                           detail: "cannot tell whether \(named) is a recognised awarding body: the trust list was not accepted (see above)",
                                           credential: credential)
        }
        guard let body = content.awardingBody(did: issuer) else {
            return VerificationReport.Line(check: "issuer trusted", outcome: .fail,
                                           detail: "\(named) is not an awarding body on the repository's trust list (version \(content.version))",
                                           credential: credential)
        }
        guard body.accepts(signer: issuer, created: signedAt) else {
            let windows = body.windows(for: issuer).map(\.text).joined(separator: ", ")
            let when = signedAt.map { "signed at \(CredentialDate.string(from: $0))" } ?? "its proof has no date"
            return VerificationReport.Line(check: "issuer trusted", outcome: .fail,
                                           detail: "\(named) is a key of \(body.name) that signs only \(windows), but the credential's proof says \(when): a retired key signs nothing new",
                                           credential: credential)
        }
        var detail = "issued by \(body.name) (\(body.country)), an awarding body on the repository's trust list"
        if body.windows(for: issuer).contains(where: { $0.validUntil != nil }) { detail += ", with its earlier key \(issuer)" }
        if let issuerName, issuerName != body.name { detail += "; the credential calls it '\(issuerName)'" }
        return VerificationReport.Line(check: "issuer trusted", outcome: .pass, detail: detail, credential: credential)
    }

    private static func evaluate(_ trustList: JSONValue?, anchor: String?) -> State {
        guard let trustList else {
            return .refused("no trust list: the file carries none and none was given, so no issuer can be checked")
        }
        let signer: DIDKey
        switch DataIntegrity.verify(trustList, purpose: .assertionMethod) {
        case .valid(let key): signer = key
        case .invalid(let why): return .refused("the trust list has no valid proof: \(why)")
        }
        let content: TrustListContent
        do {
            content = try TrustListContent(json: trustList)
        } catch {
            return .refused("the trust list cannot be read: \(error)")
        }
        guard content.issuer == signer.did else {
            return .refused("the trust list names issuer \(content.issuer ?? "none") but is signed by \(signer.did)")
        }
        guard let anchor else {
            return .refused("the trust list is signed by \(signer.did), but no trust anchor was given: pass --trust-anchor DID "
                + "(the repository's DID you trust); a trust list inside the file proves nothing on its own")
        }
        guard anchor == signer.did else {
            switch TrustAnchorSuccession.follow(from: anchor, to: signer.did, statements: content.successions) {
            case .reached(let path):
                let steps = path.count - 1
                return .trusted(content, detail: "version \(content.version), signed by \(signer.did), the successor of the trust anchor \(anchor) through \(steps) signed key succession\(steps == 1 ? "" : "s"), \(content.awardingBodies.count) awarding bod\(content.awardingBodies.count == 1 ? "y" : "ies")")
            case .refused(let why):
                return .refused("the trust list is signed by \(signer.did), not by the trust anchor \(anchor), and \(why): it does not come from the repository you trust")
            }
        }
        return .trusted(content, detail: "version \(content.version), signed by the trust anchor \(anchor), \(content.awardingBodies.count) awarding bod\(content.awardingBodies.count == 1 ? "y" : "ies")")
    }
}
