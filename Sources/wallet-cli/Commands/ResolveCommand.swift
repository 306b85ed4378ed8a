import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

/// `wallet-cli resolve KEY (VALUE | --pick N)`: settle a conflict. The write carries the context
/// of the values shown, so it replaces exactly those, here and on every PC after their sync.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle a conflict shown by `wallet-cli conflicts`.",
        discussion: """
            KEY is as `wallet-cli conflicts` shows it (profile/email; a profile field's name alone \
            works too). The new value replaces exactly the values shown; a value written meanwhile \
            on another PC stays and shows as a new conflict.
            """
    )
    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The record key, e.g. profile/email.", valueName: "key"))
    var key: String

    @Argument(help: ArgumentHelp("The value to keep (or use --pick).", valueName: "value"))
    var value: String?

    @Option(name: .long, help: ArgumentHelp("Keep the Nth value `wallet-cli conflicts` lists.", valueName: "n"))
    var pick: Int?

    func validate() throws {
        guard (value == nil) != (pick == nil) else { throw ValidationError("Give either a VALUE or --pick N, not both and not neither.") }
        if let pick, pick < 1 { throw ValidationError("--pick counts from 1, as `wallet-cli conflicts` numbers the values.") }
        guard !RecordKeys.normalized(key).isEmpty else { throw ValidationError("KEY must not be empty; `wallet-cli conflicts` shows the keys.") }
    }

    func run() throws {
        try reportingErrors {
            let key = RecordKeys.normalized(key)
            let loggedIn = try LoggedIn.require(options)
            let walletd = loggedIn.walletd, learner = loggedIn.learnerId, token = loggedIn.token
            let conflicted = try walletd { try $0.callAllPages(Endpoints.records, learner, query: ["conflicts": "true"], token: token) }.records
            guard let record = conflicted.first(where: { $0.key == key && $0.values.count > 1 }) else {
                let all = try walletd { try $0.callAllPages(Endpoints.records, learner, token: token) }.records
                throw RecordText.notConflicted(key, among: all)
            }
            let chosen = try RecordText.choice(in: record, value: value, pick: pick)
            let request = WriteRecordRequest(key: key, value: chosen, context: record.context)
            let reply = try walletd { try $0.reply(Endpoints.writeRecord, learner, body: request, token: token) }
            if options.json { return try Output.json(reply.response.body) }
            for line in RecordText.resolvedLines(reply.answer) { Output.line(line) }
        }
    }
}
