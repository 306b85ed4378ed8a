import ArgumentParser

struct LearnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learner",
        abstract: "Create and list the learners of this walletd.",
        subcommands: [LearnerAddCommand.self, LearnerListCommand.self]
    )
}
