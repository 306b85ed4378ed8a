import ArgumentParser
import Foundation
import WalletAPI

/// `wallet-cli conflicts`: records edited on two PCs without a sync in between, every value shown.
struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Show profile fields and enrolments that were changed on two PCs at once.",
        discussion: "Each value is numbered; settle a field with `wallet-cli resolve KEY --pick N` or `wallet-cli resolve KEY VALUE`."
    )
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let response = try loggedIn.client.send(.get, RecordPaths.records(loggedIn, conflicts: true), token: loggedIn.session.token)
            if options.json { return try Output.json(response.body) }
            let records = try loggedIn.client.decode(RecordsResponse.self, from: response).records
            for line in RecordText.conflictLines(records) { Output.line(line) }
        }
    }
}
