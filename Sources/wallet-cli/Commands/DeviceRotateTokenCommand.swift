import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

/// `wallet-cli device rotate-token`: replaces this PC's device token at the repository (centre
/// admin). walletd proposes the new token and proves the current one; from then on the old token
/// is refused (401). If the repository's answer is lost, walletd finishes the rotation at its next
/// sync with the same request.
///
/// ```
/// sudo wallet-cli device rotate-token
/// ```
struct DeviceRotateTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-token",
        abstract: "Replace this PC's device token at the repository (centre admin).",
        discussion: """
            Use it when the token may have been copied (a disk image, a backup that left the centre) or \
            on a schedule. The repository must be reachable. Run as root or as walletd's user: the \
            command reads walletd's admin.token like `device enrol` does.
            """)
    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("walletd's admin token file.", valueName: "file"))
    var adminTokenFile: String?

    @Option(name: .long, help: ArgumentHelp("walletd's data folder, to find admin.token.", valueName: "dir"))
    var dataDir: String?

    func run() throws {
        try reportingErrors {
            let walletd = Walletd(socketPath: options.socketPath)
            let token = try AdminToken.read(AdminToken.locate(explicitFile: adminTokenFile, dataDirectory: dataDir, walletd: walletd))
            let reply = try walletd { try $0.reply(Endpoints.rotateDeviceToken, adminToken: token) }
            if options.json { return try Output.json(reply.response.body) }
            let info = reply.answer
            Output.line("Device \(info.device ?? "?") has a new token at \(info.repository ?? "the repository"); the old one is refused from now on.")
            Output.line("A sync has started with it; `wallet-cli sync status` shows how it goes.")
        }
    }
}
