import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

/// `wallet-cli content remove ID`: removes a stored course package and its files. Learners'
/// statements about its units stay: they are the learners' history.
///
/// ```
/// $ wallet-cli content remove c-1f2e3d4c5b6a7988
/// Removed c-1f2e3d4c5b6a7988: Food hygiene and HACCP: self-check.
/// ```
struct ContentRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a course package from this PC (centre admin).",
        discussion: "ID is the package id `wallet-cli content list` shows, or the course id. Learners' results stay."
    )
    @OptionGroup var options: GlobalOptions
    @OptionGroup var admin: ContentAdminOptions

    @Argument(help: ArgumentHelp("The package id (c-…) or the course id.", valueName: "ID"))
    var id: String

    func run() throws {
        try reportingErrors {
            let walletd = Walletd(socketPath: options.socketPath)
            let token = try admin.token(walletd)
            let reply = try walletd { try $0.reply(Endpoints.removeContent, id, adminToken: token) }
            if options.json { return try Output.json(reply.response.body) }
            Output.line("Removed \(reply.answer.id): \(reply.answer.title). Learners' results for its units stay in their history.")
        }
    }
}
