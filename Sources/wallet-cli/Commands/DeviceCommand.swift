import ArgumentParser
import Foundation
import WalletAPI

/// `wallet-cli device`: which repository this PC syncs with, and registering it (admin).
struct DeviceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Show or register this PC's link to the repository.",
        subcommands: [DeviceShowCommand.self, DeviceRegisterCommand.self],
        defaultSubcommand: DeviceShowCommand.self
    )
}

struct DeviceShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show this PC's registration.")
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let client = WalletClient(socketPath: options.socketPath)
            let response = try client.send(.get, "/v1/device")
            if options.json { return try Output.json(response.body) }
            let info = try client.decode(DeviceInfo.self, from: response)
            if info.registered {
                Output.line("Registered with \(info.repository ?? "?") as device \(info.device ?? "?") (replica \(info.replica)).")
                if let ca = info.caFile { Output.line("Trusted CA file: \(ca)") }
            } else {
                Output.line("Not registered (replica \(info.replica)). The centre admin runs: wallet-cli device register --repository URL --code CODE")
            }
        }
    }
}

struct DeviceRegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register this PC with the repository (centre admin, once per PC).",
        discussion: "Get CODE from the repository admin (`repositoryd enrolment-code`). Run as root or as walletd's user: the command reads walletd's admin.token."
    )
    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "The repository's URL, e.g. https://repository.centre.example:8443")
    var repository: String

    @Option(name: .long, help: "The one-time enrolment code.")
    var code: String

    @Option(name: .long, help: "PEM file of a private CA to trust for the repository.")
    var caFile: String?

    @Option(name: .long, help: "How the repository lists this PC (default: host name).")
    var name: String?

    @Option(name: .long, help: "walletd's admin token file (default: $WALLETD_ADMIN_TOKEN_FILE, else walletd's data folder).")
    var adminTokenFile: String?

    @Option(name: .long, help: "walletd's data folder, to find admin.token (default: $WALLETD_DATA_DIR or walletd's default).")
    var dataDir: String?

    func run() throws {
        try reportingErrors {
            let token = try AdminToken.read(AdminToken.path(explicit: adminTokenFile, dataDirectory: dataDir ?? ProcessInfo.processInfo.environment["WALLETD_DATA_DIR"]))
            let absoluteCA = caFile.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
            let client = WalletClient(socketPath: options.socketPath)
            let response = try client.send(.post, "/v1/device", json: DeviceRegistrationRequest(repository: repository, code: code, caFile: absoluteCA, name: name),
                                           headers: ["X-Walletd-Admin": token])
            if options.json { return try Output.json(response.body) }
            let info = try client.decode(DeviceInfo.self, from: response)
            Output.line("Registered with \(info.repository ?? repository) as device \(info.device ?? "?"). The first sync has started.")
        }
    }
}
