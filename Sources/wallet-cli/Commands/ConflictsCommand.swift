import ArgumentParser
import Foundation
import WalletAPI

/// `wallet-cli conflicts`: records edited on two PCs without a sync in between, every value shown.
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Show profile fields and enrolments that were changed on two PCs at once."
    )
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let response = try loggedIn.client.send(.get, RecordPaths.records(loggedIn, conflicts: true), token: loggedIn.session.token)
            if options.json { return try Output.json(response.body) }
            let records = try loggedIn.client.decode(RecordsResponse.self, from: response).records
            guard !records.isEmpty else { return Output.line("No conflicts.") }
            for record in records {
                Output.line("\(record.key) was changed on two PCs; both values are kept:")
                for (i, value) in record.values.enumerated() { Output.line("  \(i + 1). \(RecordPaths.text(value))") }
                Output.line("  Keep one: wallet-cli resolve \(record.key) --pick N   (or give a new value: wallet-cli resolve \(record.key) VALUE)")
            }
        }
    }
}
