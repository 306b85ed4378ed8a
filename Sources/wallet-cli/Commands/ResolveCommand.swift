import ArgumentParser
import Foundation
import WalletAPI

/// `wallet-cli resolve KEY (VALUE | --pick N)`: settle a conflict. The write carries the context
/// of the values shown, so it replaces exactly those, here and on every PC after their sync.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Settle a conflict shown by `wallet-cli conflicts`.")
    @OptionGroup var options: GlobalOptions

    @Argument(help: "The record key, e.g. profile/email.")
    var key: String

    @Argument(help: "The value to keep (or use --pick).")
    var value: String?

    @Option(name: .long, help: "Keep the Nth value `wallet-cli conflicts` lists.")
    var pick: Int?

    func validate() throws {
        guard (value == nil) != (pick == nil) else { throw ValidationError("Give either a VALUE or --pick N.") }
    }

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let listing = try loggedIn.client.send(.get, RecordPaths.records(loggedIn, conflicts: true), token: loggedIn.session.token)
            let records = try loggedIn.client.decode(RecordsResponse.self, from: listing).records
            guard let record = records.first(where: { $0.key == key }) else {
                throw CLIError(.notFound, "\(key) has no conflict to resolve. `wallet-cli conflicts` lists the ones there are.")
            }
            let chosen: JSONValue
            if let pick {
                guard (1...record.values.count).contains(pick) else {
                    throw CLIError(.usage, "--pick must be 1 to \(record.values.count) for \(key).")
                }
                chosen = record.values[pick - 1]
            } else {
                chosen = .string(value ?? "")
            }
            let response = try loggedIn.client.send(.post, RecordPaths.records(loggedIn), json: WriteRecordRequest(key: key, value: chosen, context: record.context),
                                                    token: loggedIn.session.token)
            if options.json { return try Output.json(response.body) }
            Output.line("\(key) is now \(RecordPaths.text(chosen)). Other PCs settle at their next sync.")
        }
    }
}
