import Foundation

/// The outcome of checking an export offline: one line per check in the order they ran, a
/// verdict, and what each credential says (for pages and the command line).
///
/// Exit codes (`verdict.exitCode`), for `wallet-cli verify` and scripts:
/// 0 valid, 1 not valid (a proof, binding, date, trust or status-list check failed),
/// 2 revoked, 3 suspended (and every other check passed).
///
/// ```swift
/// let report = ExportVerifier.verify(export, options: options)
/// for line in report.lines { print(line.text) }     // "PASS  presentation proof: signed by …"
/// print(report.verdict.headline)                    // "Valid" / "Not valid: …" / "Revoked"
/// exit(report.verdict.exitCode)
/// ```
public struct VerificationReport: Sendable, Equatable {
    /// How one check came out: `.warn` is worth reading but does not change the verdict.
    ///
    /// ```swift
    /// report.lines.filter { $0.outcome == .fail }
    /// ```
    public enum Outcome: String, Sendable, Equatable {
        case pass, fail, warn
    }

    /// One check's result.
    ///
    /// ```swift
    /// print(line.text)   // "FAIL  validity dates (urn:uuid:…): expired on 2026-11-17T…"
    /// ```
    public struct Line: Sendable, Equatable {
        /// Short name of the check, e.g. "credential proof".
        public var check: String
        public var outcome: Outcome
        /// What was found, in plain words; for a failure also what to do when something can be done.
        public var detail: String
        /// The credential the line is about (its `id`), nil for the presentation and the trust list.
        public var credential: String?

        public init(check: String, outcome: Outcome, detail: String, credential: String? = nil) {
            self.check = check
            self.outcome = outcome
            self.detail = detail
            self.credential = credential
        }

        /// `PASS  credential proof (urn:uuid:…): signed by its issuer did:key:…`
        public var text: String {
            let label = outcome.rawValue.uppercased().padding(toLength: 6, withPad: " ", startingAt: 0)
            return label + check + (credential.map { " (\($0))" } ?? "") + ": " + detail
        }
    }

    /// The overall answer; `exitCode` 0 valid, 1 not valid, 2 revoked, 3 suspended.
    ///
    /// ```swift
    /// if case .invalid(let why) = report.verdict { print(why) }
    /// ```
    public enum Verdict: Sendable, Equatable {
        case valid
        /// The first failed check, "check: detail".
        case invalid(String)
        case revoked
        case suspended

        public var exitCode: Int32 {
            switch self {
            case .valid: 0
            case .invalid: 1
            case .revoked: 2
            case .suspended: 3
            }
        }

        /// The big line a person reads first.
        public var headline: String {
            switch self {
            case .valid: "Valid"
            case .invalid(let reason): "Not valid: \(reason)"
            case .revoked: "Revoked"
            case .suspended: "Suspended"
            }
        }
    }

    /// What one credential of the presentation says, as read from its JSON (meaningful only when
    /// its checks passed: look at `lines`).
    ///
    /// ```swift
    /// for c in report.credentials { print(c.title, c.issuerName, c.status) }
    /// ```
    public struct Credential: Sendable, Equatable {
        public var id: String
        public var title: String
        public var issuerName: String
        public var learnerName: String?
        /// "valid", "suspended", "revoked", or "unknown" when the status could not be read.
        public var status: String
        /// Every element of the credential, when it could be read.
        public var summary: MicroCredentialSummary?

        public init(id: String, title: String, issuerName: String, learnerName: String?, status: String, summary: MicroCredentialSummary?) {
            self.id = id
            self.title = title
            self.issuerName = issuerName
            self.learnerName = learnerName
            self.status = status
            self.summary = summary
        }
    }

    public var lines: [Line]
    public var verdict: Verdict
    public var credentials: [Credential]

    public init(lines: [Line], verdict: Verdict, credentials: [Credential]) {
        self.lines = lines
        self.verdict = verdict
        self.credentials = credentials
    }

    /// Every line then the verdict, as `wallet-cli verify` prints it.
    public var text: String {
        (lines.map(\.text) + ["verdict: \(verdict.headline)"]).joined(separator: "\n")
    }
}
