import ArgumentParser
import WalletAPI
import WalletClient

struct LearnerListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the learners of this walletd (id and name)."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let walletd = Walletd(socketPath: options.socketPath)
            let reply = try walletd { try $0.replyAllPages(Endpoints.listLearners) }
            if options.json { return try Output.json(reply.response.body) }
            let list = reply.answer
            guard !list.learners.isEmpty else {
                Output.line("No learners yet. Create one with `wallet-cli learner add --name <name>`.")
                return
            }
            Output.table(["ID", "NAME", "HOLDER DID"], list.learners.map { [$0.id, $0.name, $0.did ?? "(made at next login)"] })
        }
    }
}
