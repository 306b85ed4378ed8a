import ArgumentParser

/// `wallet-cli pin …`: change the logged-in learner's PIN, or reset a forgotten one with a code.
struct PinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pin",
        abstract: "Change the logged-in learner's PIN, or set a new one with the centre admin's code when it is forgotten.",
        subcommands: [PinChangeCommand.self, PinResetCommand.self]
    )
}
