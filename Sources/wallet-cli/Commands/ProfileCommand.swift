import ArgumentParser
import Foundation
import WalletAPI

/// `wallet-cli profile [set FIELD VALUE]`: the logged-in learner's profile fields.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Show or change your profile (name, email, phone, language).",
        subcommands: [ProfileShowCommand.self, ProfileSetCommand.self],
        defaultSubcommand: ProfileShowCommand.self
    )
}

struct ProfileShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show your profile and enrolments.")
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let response = try loggedIn.client.send(.get, RecordPaths.records(loggedIn), token: loggedIn.session.token)
            if options.json { return try Output.json(response.body) }
            let records = try loggedIn.client.decode(RecordsResponse.self, from: response).records
            guard !records.isEmpty else {
                Output.line("No profile fields yet. Set one with `wallet-cli profile set email you@example.org`.")
                return
            }
            for record in records {
                let values = record.values.map(RecordPaths.text)
                if values.count > 1 {
                    Output.line("\(record.key): CONFLICT between \(values.joined(separator: " | ")) — see `wallet-cli conflicts`")
                } else {
                    Output.line("\(record.key): \(values.first ?? "")")
                }
            }
        }
    }
}

struct ProfileSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a profile field on this PC (other PCs get it at their next sync).")
    @OptionGroup var options: GlobalOptions

    @Argument(help: "name, email, phone or language")
    var field: String

    @Argument(help: "The new value.")
    var value: String

    func validate() throws {
        guard ["name", "email", "phone", "language"].contains(field) else {
            throw ValidationError("FIELD must be one of name, email, phone, language.")
        }
    }

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let response = try loggedIn.client.send(.post, RecordPaths.records(loggedIn), json: WriteRecordRequest(key: "profile/" + field, value: .string(value), context: nil),
                                                    token: loggedIn.session.token)
            if options.json { return try Output.json(response.body) }
            Output.line("profile/\(field) is now \(value).")
        }
    }
}

/// Paths and text of the record API, shared by profile, conflicts and resolve.
enum RecordPaths {
    static func records(_ loggedIn: LoggedIn, conflicts: Bool = false) -> String {
        "/v1/learners/\(URLEncoding.component(loggedIn.session.learnerId))/records" + (conflicts ? "?conflicts=true" : "")
    }

    static func text(_ value: JSONValue) -> String {
        value.stringValue ?? value.encodedString
    }
}
