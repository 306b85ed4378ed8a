import Basics
import CredentialPages
import Credentials
import Foundation

/// The credential and presentation reader, through the entry points that read a file someone
/// hands over: `wallet-cli verify FILE` (an export's JSON, or an export page with the JSON inside,
/// then `ExportVerifier.verify(json:options:)`) and `ExportVerifier.verify(data:options:)`.
/// Whatever the bytes, the verdict comes back as a report; an invalid verdict names its first
/// failed check, and a failed check says why.
enum CredentialProperty {
    /// A fixed clock, so a run is deterministic (ExportFactory's "now" in CredentialsTests).
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    /// The seeds' challenge, domain and repository, so a seed verifies as valid and its mutations
    /// reach every check (a missing trust anchor would stop them at the trust list).
    static let options = VerificationOptions(challenge: "job-4711", domain: "jobs.example",
                                             trustAnchor: (try? CredentialSeeds.repository())?.didKey.did, now: now)

    static func check(_ bytes: [UInt8]) throws(FuzzViolation) {
        try checkReport(ExportVerifier.verify(data: Data(bytes), options: options), from: "ExportVerifier.verify(data:)")
        // wallet-cli reads an export page when the file is HTML.
        guard let text = String(validating: bytes, as: UTF8.self), text.contains("<html") || text.contains("<!DOCTYPE") else { return }
        let export: WalletExport
        do {
            export = try ExportPage.embeddedExport(in: text)
        } catch {
            try FuzzViolation.requireMessage(error.description, from: "ExportPage.embeddedExport(in:)")
            return
        }
        try checkReport(ExportVerifier.verify(json: export.json, options: options), from: "ExportVerifier.verify(json:) of a page")
    }

    static func checkReport(_ report: VerificationReport, from reader: String) throws(FuzzViolation) {
        if case .invalid(let why) = report.verdict { try FuzzViolation.requireMessage(why, from: reader) }
        for line in report.lines where line.outcome == .fail {
            try FuzzViolation.requireMessage(line.detail, from: "\(reader), check \(line.check)")
        }
    }
}
