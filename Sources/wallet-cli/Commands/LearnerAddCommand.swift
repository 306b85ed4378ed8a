import ArgumentParser
import WalletAPI
import WalletClient

struct LearnerAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create a learner protected by a PIN; prints the new learner's id.",
        discussion: "The PIN is asked twice on the terminal, without echo. With --pin-stdin it is the first line of stdin."
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "The learner's display name.")
    var name: String

    @Flag(name: .long, help: "Read the PIN from the first line of stdin instead of the terminal.")
    var pinStdin = false

    func validate() throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--name must not be empty.")
        }
    }

    func run() throws {
        try reportingErrors {
            let walletd = Walletd(socketPath: options.socketPath)
            let pin = pinStdin
                ? try PinReader.fromStdin()
                : try PinReader.fromTerminal(prompt: "PIN for \(name): ", confirm: true)
            try walletd.requireTrustedForPIN()
            let reply = try walletd { try $0.reply(Endpoints.createLearner, body: CreateLearnerRequest(name: name, pin: pin)) }
            if options.json { return try Output.json(reply.response.body) }
            let learner = reply.answer
            Output.line("Created learner \(learner.name).")
            Output.line("id: \(learner.id)")
            if let did = learner.did { Output.line("holder DID: \(did)") }
            Output.line("Log in with: wallet-cli login \(learner.id)")
        }
    }
}
