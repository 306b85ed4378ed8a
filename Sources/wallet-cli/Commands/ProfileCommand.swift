import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

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
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show your profile fields and enrolments; a field changed on two PCs at once shows as a CONFLICT."
    )
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let reply = try loggedIn.walletd { try $0.replyAllPages(Endpoints.records, loggedIn.learnerId, token: loggedIn.token) }
            if options.json { return try Output.json(reply.response.body) }
            let records = reply.answer.records
            for line in RecordText.profileLines(records) { Output.line(line) }
        }
    }
}

struct ProfileSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set a profile field on this PC (other PCs get it at their next sync).",
        discussion: "The new value replaces every value this PC knows for the field, a conflict included."
    )
    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The field: name, email, phone or language.", valueName: "field"))
    var field: ProfileField

    @Argument(help: ArgumentHelp("The new value.", valueName: "value"))
    var value: String

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            // No context: overwrite what this PC knows.
            let request = WriteRecordRequest(key: field.key, value: .string(value), context: nil)
            let reply = try loggedIn.walletd { try $0.reply(Endpoints.writeRecord, loggedIn.learnerId, body: request, token: loggedIn.token) }
            if options.json { return try Output.json(reply.response.body) }
            let view = reply.answer
            Output.line("\(view.key) is now \(view.values.first.map(RecordText.text) ?? value). Other PCs get it at their next sync.")
        }
    }
}
