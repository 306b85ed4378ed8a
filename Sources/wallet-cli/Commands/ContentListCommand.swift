import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

/// `wallet-cli content list`: the cmi5 course packages stored on this PC.
///
/// ```
/// $ wallet-cli content list
/// id                  course                                             units  files  imported
/// c-1f2e3d4c5b6a7988  https://catalog.vet-centre.example/courses/food-…  2      4      2026-12-02T21:50:00.000Z
/// ```
struct ContentListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the course packages on this PC (centre admin).")
    @OptionGroup var options: GlobalOptions
    @OptionGroup var admin: ContentAdminOptions

    func run() throws {
        try reportingErrors {
            let walletd = Walletd(socketPath: options.socketPath)
            let token = try admin.token(walletd)
            let reply = try walletd { try $0.reply(Endpoints.listContent, adminToken: token) }
            if options.json { return try Output.json(reply.response.body) }
            let packages = reply.answer.packages
            guard !packages.isEmpty else {
                Output.line("No course packages on this PC. Import one with `wallet-cli content import PACKAGE.zip`.")
                return
            }
            Output.table(["id", "title", "course", "units", "files", "imported"], packages.map {
                [$0.id, $0.title, $0.course, String($0.units.count), $0.filesMissing == true ? "MISSING" : String($0.files), $0.importedAt]
            })
            let missing = packages.filter { $0.filesMissing == true }
            if !missing.isEmpty {
                // A database restored from a backup names packages whose files were replaced or removed since.
                Output.line("The files of \(missing.count) package\(missing.count == 1 ? "" : "s") are not on this PC (a restored backup?): "
                    + "learners are not offered those lessons. Import \(missing.count == 1 ? "it" : "them") again with `wallet-cli content import PACKAGE.zip`.")
            }
        }
    }
}
