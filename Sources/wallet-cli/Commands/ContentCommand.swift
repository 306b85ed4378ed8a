import ArgumentParser

/// `wallet-cli content`: the cmi5 course packages stored on this PC (centre admin).
///
/// ```
/// $ wallet-cli content import food-hygiene.zip
/// $ wallet-cli content list
/// $ wallet-cli content remove c-1f2e3d4c5b6a7988
/// ```
struct ContentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content",
        abstract: "Import, list or remove cmi5 course packages on this PC (centre admin).",
        discussion: "docs/CONTENT.md says what a package must hold and the limits walletd checks.",
        subcommands: [ContentImportCommand.self, ContentListCommand.self, ContentRemoveCommand.self],
        defaultSubcommand: ContentListCommand.self
    )
}

/// The admin options every `content` command takes: where walletd's admin token is.
struct ContentAdminOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("walletd's admin token file.", valueName: "file"))
    var adminTokenFile: String?

    @Option(name: .long, help: ArgumentHelp("walletd's data folder, to find admin.token.", valueName: "dir"))
    var dataDir: String?

    func token(_ walletd: Walletd) throws -> String {
        try AdminToken.read(AdminToken.locate(explicitFile: adminTokenFile, dataDirectory: dataDir, walletd: walletd))
    }
}
