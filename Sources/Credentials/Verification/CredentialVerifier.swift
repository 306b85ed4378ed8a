import Foundation
import Basics

/// The checks on one issued micro-credential, one line each: type, proof and signer, holder is
/// the subject, validity dates, status (against a verified status list signed by the issuer), and
/// the issuer on the trust list. `ExportVerifier` runs it for each credential of a presentation;
/// walletd and the benchmark run it on single credentials.
///
/// ```swift
/// let checker = CredentialVerifier(statusLists: StatusListResolver(given: [list], bundled: [], now: now),
///                                  trust: TrustedIssuers(trustList: trust, anchor: repositoryDID), now: now)
/// let result = checker.verify(credential, holder: "did:key:z6Mk…")
/// result.lines.allSatisfy { $0.outcome != .fail }
/// ```
public struct CredentialVerifier: Sendable {
    /// The lines of one credential's checks and what they add up to.
    ///
    /// ```swift
    /// let ok = result.failure == nil && result.status == .valid
    /// ```
    public struct Result: Sendable {
        public var lines: [VerificationReport.Line]
        /// The first failure that is not about status, "check: detail"; nil when none failed.
        public var failure: String?
        /// The status read from a verified list; nil when it could not be read.
        public var status: CredentialStatusValue?
        public var summary: VerificationReport.Credential
    }

    public let statusLists: StatusListResolver
    public let trust: TrustedIssuers
    public let now: Date

    public init(statusLists: StatusListResolver, trust: TrustedIssuers, now: Date) {
        self.statusLists = statusLists
        self.trust = trust
        self.now = now
    }

    /// `holder`: the presentation's holder, which must be the subject; nil skips that check (a
    /// credential checked on its own, outside a presentation).
    public func verify(_ credential: JSONValue, holder: String?) -> Result {
        var lines: [VerificationReport.Line] = []
        var failure: String?
        let id = credential["id"]?.stringValue
        let label = id ?? "credential without id"
        func add(_ check: String, _ outcome: VerificationReport.Outcome, _ detail: String, countsAsFailure: Bool = true) {
            lines.append(VerificationReport.Line(check: check, outcome: outcome, detail: detail, credential: label))
            if outcome == .fail, countsAsFailure, failure == nil { failure = "\(check) (\(label)): \(detail)" }
        }
        let issuer = credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue
        let issuerName = credential["issuer"]?["name"]?.stringValue
        let summary = try? MicroCredentialSummary(json: credential)

        // Type: a VC and an Open Badges achievement credential.
        let types = credential["type"]?.arrayValue?.compactMap(\.stringValue) ?? credential["type"]?.stringValue.map { [$0] } ?? []
        if credential.objectValue == nil {
            add("credential type", .fail, "the credential is not a JSON object")
        } else if !types.contains("VerifiableCredential") {
            add("credential type", .fail, "type does not include VerifiableCredential")
        } else if !types.contains("OpenBadgeCredential") && !types.contains("AchievementCredential") {
            add("credential type", .fail, "type does not include OpenBadgeCredential or AchievementCredential: this is not an Open Badges 3.0 micro-credential")
        } else {
            add("credential type", .pass, types.joined(separator: ", "))
        }

        // Proof: signed for assertion by the issuer's own key.
        switch DataIntegrity.verify(credential, purpose: .assertionMethod) {
        case .invalid(let why): add("credential proof", .fail, why)
        case .valid(let signer):
            if let issuer, issuer == signer.did {
                add("credential proof", .pass, "signed by its issuer \(issuerName.map { "\($0), " } ?? "")\(signer.did)")
            } else {
                add("credential proof", .fail, "signed by \(signer.did), but the credential names issuer \(issuer ?? "none"): it was not signed by its issuer")
            }
        }

        // The holder who signed the presentation is the learner the credential was issued to.
        let subject = credential["credentialSubject"]?["id"]?.stringValue
        if let holder {
            if credential["credentialSubject"]?.objectValue == nil {
                add("holder is subject", .fail, "credentialSubject must be one object with the learner's id")
            } else if subject == holder {
                add("holder is subject", .pass, "issued to \(summary?.learnerNameWithSource.map { "\($0), " } ?? "")\(holder), who signed the presentation")
            } else {
                add("holder is subject", .fail, "issued to \(subject ?? "no one"), but the presentation was signed by \(holder): it was presented by someone else")
            }
        }

        lines.append(datesLine(credential, label: label))
        if lines.last?.outcome == .fail, failure == nil, let last = lines.last { failure = "\(last.check) (\(label)): \(last.detail)" }

        // Status: bits read from a list this very issuer signed.
        var status: CredentialStatusValue?
        if let value = credential["credentialStatus"] {
            do {
                let entry = try StatusEntry(json: value)
                switch statusLists.resolve(url: entry.listURL, issuer: issuer, sameBody: statusSigners(issuer: issuer)) {
                case .unusable(let why): add("status", .fail, why)
                case .verified(let list):
                    if let value = list.content.bitstring.status(at: entry.index) {
                        status = value
                        switch value {
                        case .valid: add("status", .pass, "not revoked or suspended (\(list.provenance))")
                        case .suspended: add("status", .fail, "SUSPENDED by the issuer (\(list.provenance)); a suspension can be lifted: ask the learner or the awarding body", countsAsFailure: false)
                        case .revoked: add("status", .fail, "REVOKED by the issuer (\(list.provenance))", countsAsFailure: false)
                        }
                    } else {
                        add("status", .fail, "index \(entry.index) lies beyond the \(list.content.bitstring.entries) entries of \(entry.listURL)")
                    }
                    if status != nil, let fetched = list.fetchedAt, now.timeIntervalSince(fetched) > Self.staleAfter {
                        add("status freshness", .warn, "the status list copy is \(AgeText.since(fetched, now: now).replacingOccurrences(of: " ago", with: "")) old: a later revocation would not show; pass a fresh --status-list FILE")
                    }
                    if status != nil, let until = list.content.validUntil, until <= now {
                        add("status freshness", .warn, "the status list expired at \(CredentialDate.string(from: until)); pass a fresh --status-list FILE")
                    }
                }
            } catch {
                add("status", .fail, "credentialStatus cannot be read: \(error)")
            }
        } else {
            add("status", .warn, "the credential carries no credentialStatus, so it can be neither revoked nor suspended")
            status = .valid
        }

        if let issuer {
            let line = trust.issuerLine(issuer: issuer, issuerName: issuerName, credential: label, signedAt: DataIntegrity.created(of: credential))
            add(line.check, line.outcome, line.detail)
        } else {
            add("issuer trusted", .fail, "the credential names no issuer")
        }

        let word = status?.word ?? "unknown"
        let entry = VerificationReport.Credential(
            id: label, title: summary?.title ?? credential["name"]?.stringValue ?? "untitled credential",
            issuerName: issuerName ?? issuer ?? "unknown issuer", learnerName: summary?.learnerName, status: word, summary: summary)
        return Result(lines: lines, failure: failure, status: status, summary: entry)
    }

    /// Who may sign the status list of a credential of `issuer`: once the trust list is accepted,
    /// any key of the issuer's awarding body inside its window (the repository re-signs a body's
    /// list with the body's current key after a rotation, and older copies stay signed by older
    /// keys); without an accepted list only the issuer itself.
    private func statusSigners(issuer: String?) -> StatusListResolver.SignerCheck {
        guard let issuer, case .trusted(let content, _) = trust.state, let body = content.awardingBody(did: issuer) else {
            return { signer, _ in signer == issuer }
        }
        return { signer, created in body.accepts(signer: signer, created: created) }
    }

    /// A bundled status list older than this gets a warning (a month: revocations are rare, but
    /// an employer should know the copy is not today's).
    public static let staleAfter: TimeInterval = 30 * 86_400

    private func datesLine(_ credential: JSONValue, label: String) -> VerificationReport.Line {
        func line(_ outcome: VerificationReport.Outcome, _ detail: String) -> VerificationReport.Line {
            VerificationReport.Line(check: "validity dates", outcome: outcome, detail: detail, credential: label)
        }
        guard let fromText = credential["validFrom"]?.stringValue else { return line(.fail, "the credential has no validFrom date") }
        guard let from = CredentialDate.parse(fromText) else { return line(.fail, "validFrom '\(fromText.prefix(40))' is not a date-time with a time zone") }
        if from > now { return line(.fail, "not valid before \(CredentialDate.string(from: from))") }
        if let untilValue = credential["validUntil"] {
            guard let untilText = untilValue.stringValue, let until = CredentialDate.parse(untilText) else {
                return line(.fail, "validUntil is not a date-time with a time zone")
            }
            if until <= now { return line(.fail, "expired on \(CredentialDate.string(from: until))") }
            return line(.pass, "valid from \(CredentialDate.string(from: from)) until \(CredentialDate.string(from: until))")
        }
        return line(.pass, "valid since \(CredentialDate.string(from: from)), no end date")
    }
}
