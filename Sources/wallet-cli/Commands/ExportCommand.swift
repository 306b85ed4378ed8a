import ArgumentParser
import CredentialPages
import Credentials
import Foundation
import PageText
import WalletAPI
import WalletClient
import Basics

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export chosen credentials for an employer, signed with your holder key (JSON, a printable HTML page, or a bare presentation).",
        discussion: """
            The file holds exactly the credentials you choose, as a Verifiable Presentation signed \
            with your key (bound to the employer's challenge and domain when they gave you some), \
            with the newest status lists and the repository's trust list so that it can be checked \
            offline: `wallet-cli verify FILE`. The HTML page is printable and carries a QR code \
            per credential that opens the repository's verification page, and the JSON inside. \
            `--format vp` writes only the signed W3C Verifiable Presentation, the file generic VC \
            tools take; they fetch the status lists online.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, html, vp }

    @OptionGroup var options: GlobalOptions
    @Option(name: .customLong("credential"), help: "A credential id to include (repeat for more; `wallet-cli credentials` lists them).")
    var credentials: [String] = []
    @Option(name: .long, help: "The challenge the employer gave you, if any.")
    var challenge: String?
    @Option(name: .long, help: "The domain the employer gave you, if any (e.g. hr.example.com).")
    var domain: String?
    @Option(name: .long, help: "json (the wallet export), html (a printable page) or vp (the bare W3C presentation, for generic VC tools).")
    var format: Format = .json
    @Option(name: .long, help: "The file to write (made readable by you only).")
    var out: String
    @Option(name: .long, help: "The printable page's language with --format html: en or nl (default: nl when LC_ALL or LANG is Dutch, else en).")
    var language: String?

    /// `--language` (checked by `validate`), else the locale's (LC_ALL before LANG, as POSIX
    /// orders them): Dutch for `nl…`, else English.
    static func pageLanguage(_ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> PageLanguage {
        if let chosen = PageLanguage(choice: given) { return chosen }
        let locale = [environment["LC_ALL"], environment["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return locale.lowercased().hasPrefix("nl") ? .dutch : .english
    }

    func validate() throws {
        guard !credentials.isEmpty else { throw ValidationError("choose at least one --credential ID (`wallet-cli credentials` lists them)") }
        if let language, PageLanguage(choice: language) == nil {
            throw ValidationError("--language \(language.prefix(20)) is not one of: \(PageLanguage.allCases.map(\.tag).joined(separator: ", "))")
        }
    }

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let request = ExportRequest(credentials: credentials, challenge: challenge, domain: domain)
            let reply = try loggedIn.walletd { try $0.reply(Endpoints.export, loggedIn.learnerId, body: request, token: loggedIn.token) }
            let body: Data
            switch format {
            case .json:
                body = reply.response.body
            case .vp:
                // The presentation as signed: its proof covers its canonical form, not this text.
                body = Data(try Self.export(reply.answer).presentation.encodedString.utf8)
            case .html:
                let export = try Self.export(reply.answer)
                let list = try loggedIn.walletd { try $0.callAllPages(Endpoints.credentials, loggedIn.learnerId, token: loggedIn.token) }
                var statuses: [String: String] = [:]
                for item in list.credentials { statuses[item.id] = item.status }
                body = Data(ExportPage.html(export: export, statuses: statuses, language: Self.pageLanguage(language)).utf8)
            }
            try ExportFile.write(body, to: out)
            Output.line("Wrote \(out) (\(format.rawValue), \(Set(credentials).count) credential\(Set(credentials).count == 1 ? "" : "s")).")
            guard format != .vp else {
                Output.line("A bare presentation carries no status lists: a verifier fetches them from the repository (or check the JSON export offline with `wallet-cli verify`).")
                return
            }
            Output.line("Check it as an employer would: wallet-cli verify \(Shell.quoted(out))\(challenge.map { " --challenge \(Shell.quoted($0))" } ?? "")\(domain.map { " --domain \(Shell.quoted($0))" } ?? "")")
        }
    }

    static func export(_ answer: JSONValue) throws(CLIError) -> WalletExport {
        do {
            return try WalletExport(json: answer)
        } catch {
            throw CLIError(.internalError, "walletd sent an export that cannot be read (\(error)). This is a bug; please report it.")
        }
    }
}

/// Writes an export with mode 0600: it names the learner and their results.
enum ExportFile {
    static func write(_ data: Data, to path: String) throws(CLIError) {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CLIError(.rejected, "cannot write \(temporary): check that the folder exists and that you may write there.")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CLIError(.rejected, "cannot write \(path): \(String(cString: strerror(errno))).")
        }
    }
}
