import Foundation
import Basics

/// Checks a learner's export (or a bare signed presentation) offline, one line per check: the
/// presentation's proof (bound to the challenge and domain) by its holder, the trust list, then
/// per credential its type, proof by its issuer, holder = subject, dates, status and issuer trust.
/// Pure: no network, no clock (pass `now`), no files. The caller bounds the document's size.
///
/// Verdict: `.invalid` when any check other than status failed (a broken proof makes the status
/// entry meaningless too), else `.revoked` if any credential is revoked, else `.suspended` if any is
/// suspended, else `.valid`. Exit codes are on `VerificationReport.Verdict`.
///
/// ```swift
/// let export = try WalletExport(json: JSONValue(data: Data(contentsOf: file)))
/// let report = ExportVerifier.verify(export, options: VerificationOptions(challenge: "job-4711",
///                                    trustAnchor: pinnedRepositoryDID, now: Date()))
/// print(report.text)
/// exit(report.verdict.exitCode)
/// ```
public enum ExportVerifier {
    /// More than any learner shows one employer; bounds the work a hostile file can ask for.
    public static let maximumCredentials = 100

    /// Reads the JSON as an export or a bare presentation, then verifies it.
    public static func verify(json: JSONValue, options: VerificationOptions) -> VerificationReport {
        do {
            return verify(try WalletExport(json: json), options: options)
        } catch {
            let detail = "\(error)"
            return VerificationReport(lines: [.init(check: "file", outcome: .fail, detail: detail)],
                                      verdict: .invalid("file: \(detail)"), credentials: [])
        }
    }

    /// Parses JSON text, then verifies it.
    public static func verify(data: Data, options: VerificationOptions) -> VerificationReport {
        do {
            return verify(json: try JSONValue(data: data), options: options)
        } catch {
            let detail = "the file is not valid JSON: \(error)"
            return VerificationReport(lines: [.init(check: "file", outcome: .fail, detail: detail)],
                                      verdict: .invalid("file: \(detail)"), credentials: [])
        }
    }

    public static func verify(_ export: WalletExport, options: VerificationOptions) -> VerificationReport {
        var lines: [VerificationReport.Line] = []
        var failure: String?
        func add(_ line: VerificationReport.Line) {
            lines.append(line)
            if line.outcome == .fail, failure == nil { failure = "\(line.check): \(line.detail)" }
        }
        func finish(_ credentials: [VerificationReport.Credential], statuses: [CredentialStatusValue?]) -> VerificationReport {
            let verdict: VerificationReport.Verdict
            if let failure { verdict = .invalid(failure) }
            else if statuses.contains(.revoked) { verdict = .revoked }
            else if statuses.contains(.suspended) { verdict = .suspended }
            else { verdict = .valid }
            return VerificationReport(lines: lines, verdict: verdict, credentials: credentials)
        }

        let vp = export.presentation
        let holder = vp["holder"]?.stringValue ?? vp["holder"]?["id"]?.stringValue
        guard let types = vp["type"]?.arrayValue ?? vp["type"].map({ [$0] }), types.contains("VerifiablePresentation") else {
            add(.init(check: "presentation", outcome: .fail, detail: "type does not include VerifiablePresentation"))
            return finish([], statuses: [])
        }
        guard let holder else {
            add(.init(check: "presentation", outcome: .fail, detail: "the presentation names no holder"))
            return finish([], statuses: [])
        }
        let credentials: [JSONValue]
        switch vp["verifiableCredential"] {
        case .array(let list)?: credentials = list
        case .object?: credentials = [vp["verifiableCredential"] ?? .null]
        default:
            add(.init(check: "presentation", outcome: .fail, detail: "the presentation holds no credentials (verifiableCredential)"))
            return finish([], statuses: [])
        }
        guard !credentials.isEmpty, credentials.count <= maximumCredentials else {
            add(.init(check: "presentation", outcome: .fail, detail: credentials.isEmpty
                ? "the presentation holds no credentials"
                : "the presentation holds \(credentials.count) credentials; at most \(maximumCredentials) are checked"))
            return finish([], statuses: [])
        }
        add(.init(check: "presentation", outcome: .pass, detail: "\(credentials.count) credential\(credentials.count == 1 ? "" : "s") presented by \(holder)"))

        switch DataIntegrity.verify(vp, purpose: .authentication, challenge: options.challenge, domain: options.domain) {
        case .invalid(let why): add(.init(check: "presentation proof", outcome: .fail, detail: why))
        case .valid(let signer):
            if signer.did == holder {
                var bound: [String] = []
                if let challenge = options.challenge { bound.append("challenge '\(challenge)'") }
                if let domain = options.domain { bound.append("domain '\(domain)'") }
                add(.init(check: "presentation proof", outcome: .pass,
                          detail: "signed by the holder \(holder)" + (bound.isEmpty ? " (no challenge or domain asked for)" : " for " + bound.joined(separator: " and "))))
            } else {
                add(.init(check: "presentation proof", outcome: .fail,
                          detail: "signed by \(signer.did), but the presentation names holder \(holder): the holder did not sign it"))
            }
        }

        let trust = TrustedIssuers(trustList: options.trustList ?? export.trustList?.credential, anchor: options.trustAnchor)
        add(trust.line)

        let checker = CredentialVerifier(statusLists: StatusListResolver(given: options.statusLists, bundled: export.statusLists, now: options.now, inflateBudget: options.statusListBudgetBytes,
                                                                         givenAlwaysWins: options.statusListsAreLive),
                                         trust: trust, now: options.now)
        var summaries: [VerificationReport.Credential] = []
        var statuses: [CredentialStatusValue?] = []
        for credential in credentials {
            let result = checker.verify(credential, holder: holder)
            lines += result.lines
            if failure == nil { failure = result.failure }
            summaries.append(result.summary)
            statuses.append(result.status)
        }
        return finish(summaries, statuses: statuses)
    }
}
