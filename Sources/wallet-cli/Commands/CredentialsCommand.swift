import ArgumentParser
import Credentials
import Foundation
import WalletAPI
import WalletClient
import Basics

struct CredentialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "List the logged-in learner's micro-credentials (title, awarding body, date, status).",
        subcommands: [CredentialsListCommand.self, CredentialsShowCommand.self],
        defaultSubcommand: CredentialsListCommand.self
    )
}

struct CredentialsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the logged-in learner's micro-credentials.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let reply = try loggedIn.walletd { try $0.replyAllPages(Endpoints.credentials, loggedIn.learnerId, token: loggedIn.token) }
            if options.json { return try Output.json(reply.response.body) }
            let list = reply.answer
            guard !list.credentials.isEmpty else {
                Output.line("No credentials yet for \(loggedIn.session.learnerName). They arrive with a sync once every learning outcome of a course is validated.")
                return
            }
            Output.table(["ID", "TITLE", "AWARDING BODY", "ISSUED", "STATUS"], list.credentials.map {
                [$0.id, $0.title, $0.awardingBody, String(($0.issued ?? "").prefix(10)), $0.verified ? $0.status : "NOT VERIFIED"]
            })
        }
    }
}

struct CredentialsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show every element of one micro-credential, in words.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The credential's id (`wallet-cli credentials`).")
    var id: String

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let reply = try loggedIn.walletd { try $0.reply(Endpoints.credential, loggedIn.learnerId, id, token: loggedIn.token) }
            if options.json { return try Output.json(reply.response.body) }
            let detail = reply.answer
            for line in CredentialText.lines(detail.credential, summary: detail.summary) { Output.line(line) }
        }
    }
}

/// A credential in words, for `credentials show`.
enum CredentialText {
    static func lines(_ json: JSONValue, summary item: CredentialListItem) -> [String] {
        guard let c = try? MicroCredentialSummary(json: json) else { return ["\(item.title) (the credential's content cannot be read)"] }
        func number(_ value: Double?) -> String? { value.map { $0.rounded() == $0 ? String(Int($0)) : String($0) } }
        var lines = [
            c.title,
            String(repeating: "=", count: min(c.title.count, 80)),
            "Learner:            \(c.learnerName ?? "(not named)")\(c.learnerID.map { " (\($0))" } ?? "")",
            "Name:               \(c.learnerNameSource ?? "no name on the credential")",
            "Awarding body:      \(c.issuerName)\(c.issuerCountry.map { ", \($0)" } ?? "")\(c.issuerURL.map { " — \($0)" } ?? "")",
            "Issued:             \(c.validFrom.map(CredentialDate.string(from:)) ?? "?")",
        ]
        if let until = c.validUntil { lines.append("Valid until:        \(CredentialDate.string(from: until))") }
        lines.append("Status:             \(item.verified ? item.status : "NOT VERIFIED: \(item.problem ?? "")")\(item.statusCheckedAt.map { " (status list of \($0))" } ?? "")")
        if let level = c.eqfLevel { lines.append("EQF level:          \(level)") }
        var workload: [String] = []
        if let ects = number(c.ectsCredits) { workload.append("\(ects) ECTS") }
        if let ecvet = number(c.ecvetPoints) { workload.append("\(ecvet) ECVET points") }
        if let hours = number(c.workloadHours) { workload.append("\(hours) hours") }
        if !workload.isEmpty { lines.append("Workload:           \(workload.joined(separator: ", "))") }
        if let type = c.assessmentType { lines.append("Assessment:         \(type)") }
        if let form = c.participationForm { lines.append("Participation:      \(form)") }
        if let qa = c.qualityAssurance { lines.append("Quality assurance:  \(qa)") }
        if let language = c.language { lines.append("Language:           \(language)") }
        if let description = c.description { lines.append(""); lines.append(description) }
        lines.append("")
        lines.append("Learning outcomes:")
        lines += c.outcomes.map { "  - \($0.text)" }
        lines.append("")
        lines.append("Credential id:      \(c.id)")
        lines.append("Issuer DID:         \(c.issuerDID)")
        if let subject = c.subjectDID { lines.append("Holder DID:         \(subject)") }
        return lines
    }
}
