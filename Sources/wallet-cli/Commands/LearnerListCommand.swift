import ArgumentParser
import WalletAPI

struct LearnerListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the learners of this walletd (id and name)."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let client = WalletClient(socketPath: options.socketPath)
            let response = try client.send(.get, "/v1/learners")
            if options.json { return try Output.json(response.body) }
            let list = try client.decode(LearnerList.self, from: response)
            guard !list.learners.isEmpty else {
                Output.line("No learners yet. Create one with `wallet-cli learner add --name <name>`.")
                return
            }
            Output.table(["ID", "NAME", "HOLDER DID"], list.learners.map { [$0.id, $0.name, $0.did ?? "(made at next login)"] })
        }
    }
}
