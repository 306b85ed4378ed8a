import ArgumentParser

struct LearnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learner",
        abstract: "Create, list and fetch the learners of this walletd.",
        subcommands: [LearnerAddCommand.self, LearnerListCommand.self, LearnerFetchCommand.self]
    )
}
