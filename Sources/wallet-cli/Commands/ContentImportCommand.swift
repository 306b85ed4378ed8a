import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

/// `wallet-cli content import PACKAGE.zip`: sends a cmi5 course package to walletd, which checks
/// it (the ZIP archive, cmi5.xml, every AU's file) and stores it; importing the same course again
/// replaces it. The zip is mapped from disk, not read into memory.
///
/// ```
/// $ wallet-cli content import food-hygiene.zip
/// Imported c-1f2e3d4c5b6a7988: Food hygiene and HACCP: self-check (2 units, 4 files).
/// ```
struct ContentImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a cmi5 course package (.zip) into this PC (centre admin).",
        discussion: "Run as root or as walletd's user (it reads walletd's admin.token). Importing a course already here replaces it."
    )
    @OptionGroup var options: GlobalOptions
    @OptionGroup var admin: ContentAdminOptions

    @Argument(help: ArgumentHelp("The course package: a .zip with cmi5.xml at its top.", valueName: "PACKAGE.zip"))
    var package: String

    func run() throws {
        try reportingErrors {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: package, isDirectory: &isFolder) else {
                throw CLIError(.notFound, "There is no file \(package). Give the path of the course package's .zip file.")
            }
            guard !isFolder.boolValue else {
                throw CLIError(.usage, "\(package) is a folder. Zip it first, from inside it (`cd \(package) && zip -r ../course.zip .`), and import the zip.")
            }
            let body: Data
            do { body = try Data(contentsOf: URL(fileURLWithPath: package), options: .alwaysMapped) } catch {
                throw CLIError(.notAllowed, "wallet-cli cannot read \(package) (\(error.localizedDescription)). Check the file's permissions.")
            }
            let walletd = Walletd(socketPath: options.socketPath)
            let token = try admin.token(walletd)
            var request = WalletdRequest(Endpoints.importContent, adminToken: token)
            request.body = body
            request.headers["Content-Type"] = ContentPackageZip.mediaType
            // Checking and unpacking a large package takes a while.
            request.timeout = .seconds(600)
            let response = try walletd { try $0.send(request).checked() }
            if options.json { return try Output.json(response.body) }
            let summary = try walletd { _ in try response.decoded(as: ContentPackageSummary.self) }
            let units = summary.units.count == 1 ? "1 unit" : "\(summary.units.count) units"
            Output.line("\(summary.replaced == true ? "Replaced" : "Imported") \(summary.id): \(summary.title) (\(units), \(summary.files) files).")
            for unit in summary.units {
                Output.line("  \(unit.title) — \(unit.id) (moveOn \(unit.moveOn))")
            }
            Output.line("`wallet-cli content list` shows every package on this PC.")
        }
    }
}
