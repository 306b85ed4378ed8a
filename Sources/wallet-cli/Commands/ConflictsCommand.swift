import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

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
            let reply = try loggedIn.walletd {
                try $0.replyAllPages(Endpoints.records, loggedIn.learnerId, query: ["conflicts": "true"], token: loggedIn.token)
            }
            if options.json { return try Output.json(reply.response.body) }
            let records = reply.answer.records
            for line in RecordText.conflictLines(records) { Output.line(line) }
        }
    }
}
