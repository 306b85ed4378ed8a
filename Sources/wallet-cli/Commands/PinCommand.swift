import ArgumentParser

/// `wallet-cli pin …`: the logged-in learner's PIN.
struct PinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pin",
        abstract: "Change the logged-in learner's PIN.",
        subcommands: [PinChangeCommand.self]
    )
}
