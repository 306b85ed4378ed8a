import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

/// `wallet-cli device`: which repository this PC syncs with, and enrolling it (admin).
struct DeviceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Show or enrol this PC's link to the repository, or replace its device token.",
        subcommands: [DeviceShowCommand.self, DeviceEnrolCommand.self, DeviceRotateTokenCommand.self],
        defaultSubcommand: DeviceShowCommand.self
    )
}

struct DeviceShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show this PC's enrolment.")
    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let walletd = Walletd(socketPath: options.socketPath)
            let reply = try walletd { try $0.reply(Endpoints.device) }
            if options.json { return try Output.json(reply.response.body) }
            let info = reply.answer
            if info.registered {
                Output.line("Registered with \(info.repository ?? "?") as device \(info.device ?? "?") (replica \(info.replica)).")
                Output.line("`wallet-cli sync status` shows how syncing goes.")
                if let ca = info.caFile { Output.line("Trusted CA file: \(ca)") }
                if let since = info.tokenSince { Output.line("Device token set \(since) (`wallet-cli device rotate-token` replaces it).") }
            } else {
                Output.line("Not registered (replica \(info.replica)). The centre admin runs: wallet-cli device enrol --repository URL --code CODE")
            }
            if let previous = info.previousReplicas, !previous.isEmpty {
                Output.line("This database was copied or restored; it wrote before as replica \(previous.joined(separator: ", ")).")
            }
        }
    }
}

struct DeviceEnrolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrol",
        abstract: "Enrol this PC with the repository (centre admin, once per PC).",
        discussion: """
            Get CODE from the repository admin (`repositoryd enrolment-code`). Run as root or as \
            walletd's user: the command reads walletd's admin.token, found at --admin-token-file, else \
            $WALLETD_ADMIN_TOKEN_FILE, else in walletd's data folder (--data-dir, else $WALLETD_DATA_DIR, \
            else the folder the walletd on the socket reports). `device register` is the older name \
            of this command and still works.
            """,
        aliases: ["register"]
    )
    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The repository's URL, e.g. https://repository.centre.example:8443", valueName: "url"))
    var repository: String

    @Option(name: .long, help: ArgumentHelp("The one-time enrolment code.", valueName: "code"))
    var code: String

    @Option(name: .long, help: ArgumentHelp("PEM file of a private CA to trust for the repository (walletd must be able to read it).", valueName: "pem"))
    var caFile: String?

    @Option(name: .long, help: ArgumentHelp("How the repository lists this PC (default: host name).", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("walletd's admin token file.", valueName: "file"))
    var adminTokenFile: String?

    @Option(name: .long, help: ArgumentHelp("walletd's data folder, to find admin.token.", valueName: "dir"))
    var dataDir: String?

    func validate() throws {
        guard !repository.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--repository must not be empty.") }
        guard !code.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--code must not be empty.") }
        if let caFile, caFile.isEmpty { throw ValidationError("--ca-file must not be empty.") }
    }

    func run() throws {
        try reportingErrors {
            let walletd = Walletd(socketPath: options.socketPath)
            let token = try AdminToken.read(AdminToken.locate(explicitFile: adminTokenFile, dataDirectory: dataDir, walletd: walletd))
            // walletd resolves nothing against our working folder: send it an absolute path.
            let absoluteCA = caFile.map { Paths.absolute($0, from: FileManager.default.currentDirectoryPath) }
            let request = EnrolDeviceRequest(repository: repository.trimmingCharacters(in: .whitespaces), code: code, caFile: absoluteCA, name: name)
            let reply = try walletd { try $0.reply(Endpoints.enrol, body: request, adminToken: token) }
            if options.json { return try Output.json(reply.response.body) }
            let info = reply.answer
            Output.line("Registered with \(info.repository ?? request.repository) as device \(info.device ?? "?").")
            Output.line("The first sync has started; `wallet-cli sync status` shows how it goes.")
        }
    }
}

/// File paths given on the command line.
enum Paths {
    /// `path` made absolute against `folder` (and `~` expanded), `.` and `..` taken out.
    static func absolute(_ path: String, from folder: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let joined = expanded.hasPrefix("/") ? expanded : (folder as NSString).appendingPathComponent(expanded)
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}
