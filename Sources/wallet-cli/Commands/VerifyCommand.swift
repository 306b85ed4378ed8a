import ArgumentParser
import CredentialPages
import Credentials
import Foundation
import WalletAPI
import WalletClient
import Basics

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an export offline, as an employer: every proof, holder, dates, status and issuer trust.",
        discussion: """
            FILE is an export (JSON or the HTML page) or a bare signed presentation. Prints one \
            line per check and a verdict. Exit 0: valid; 1: not valid; 2: revoked; 3: suspended; \
            64: wrong usage; 66: no such file.

            The issuer is checked against the repository's trust list, which must be signed by \
            the repository's key: give it with --trust-anchor DID (`repositoryd trust-anchor` \
            prints it), or run on a PC whose walletd has synced (its pinned key is used).
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The export file.")
    var file: String
    @Option(name: .long, help: "The challenge you gave the learner.")
    var challenge: String?
    @Option(name: .long, help: "The domain you gave the learner.")
    var domain: String?
    @Option(name: .customLong("status-list"), help: "A newer signed status list file (repeatable); it wins over the copy in the export.")
    var statusLists: [String] = []
    @Option(name: .customLong("trust-list"), help: "A signed trust list file to use instead of the one in the export.")
    var trustList: String?
    @Option(name: .customLong("trust-anchor"), help: "The repository's DID the trust list must be signed by.")
    var trustAnchor: String?

    static let maximumFileBytes = 16 << 20

    func run() throws {
        try reportingErrors {
            let exportJSON = try ExportInput.read(file)
            var verification = VerificationOptions(challenge: challenge, domain: domain, now: Date())
            verification.statusLists = try statusLists.map(ExportInput.readJSON)
            verification.trustList = try trustList.map(ExportInput.readJSON)
            verification.trustAnchor = trustAnchor
            if verification.trustAnchor == nil, let pinned = pinnedTrust() {
                verification.trustAnchor = pinned.anchor
                if verification.trustList == nil, exportJSON["trustList"] == nil { verification.trustList = pinned.trustList }
            }
            let report = ExportVerifier.verify(json: exportJSON, options: verification)
            if options.json {
                Output.json(ReportJSON.make(report))
            } else {
                Output.line(report.text)
            }
            throw ExitCode(report.verdict.exitCode)
        }
    }

    /// The trust anchor and list of the local walletd, when one answers: a PC that synced pinned
    /// the repository's key on its first sync.
    func pinnedTrust() -> TrustResponse? {
        let walletd = Walletd(socketPath: options.socketPath)
        return try? walletd { try $0.call(Endpoints.trust) }
    }
}

/// Reads an export from a JSON file or from the JSON embedded in an export HTML page.
enum ExportInput {
    static func read(_ path: String) throws(CLIError) -> JSONValue {
        let data = try bytes(path)
        if let text = String(data: data, encoding: .utf8), text.contains("<html") || text.contains("<!DOCTYPE") {
            do {
                return try ExportPage.embeddedExport(in: text).json
            } catch {
                throw CLIError(.rejected, "\(path) is a page without a readable export inside (\(error)). Not valid.")
            }
        }
        return try parse(data, path)
    }

    static func readJSON(_ path: String) throws(CLIError) -> JSONValue { try parse(try bytes(path), path) }

    static func bytes(_ path: String) throws(CLIError) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIError(.notFound, "cannot read \(path): no such file, or no permission to read it.")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: VerifyCommand.maximumFileBytes + 1)) ?? nil
        guard let data else { return Data() }
        guard data.count <= VerifyCommand.maximumFileBytes else {
            throw CLIError(.rejected, "\(path) is larger than \(VerifyCommand.maximumFileBytes >> 20) MiB; that is not an export.")
        }
        return data
    }

    static func parse(_ data: Data, _ path: String) throws(CLIError) -> JSONValue {
        do {
            return try JSONValue(data: data)
        } catch {
            throw CLIError(.rejected, "\(path) is not JSON (nor an export page with its JSON inside): \(error). Not valid.")
        }
    }
}

/// `verify --json`: the report as JSON for scripts.
enum ReportJSON {
    static func make(_ report: VerificationReport) -> JSONValue {
        .object([
            "verdict": .string(report.verdict.headline),
            "exitCode": .number(Double(report.verdict.exitCode)),
            "checks": .array(report.lines.map { line in
                var entry: [String: JSONValue] = ["check": .string(line.check), "outcome": .string(line.outcome.rawValue), "detail": .string(line.detail)]
                if let credential = line.credential { entry["credential"] = .string(credential) }
                return .object(entry)
            }),
        ])
    }
}
