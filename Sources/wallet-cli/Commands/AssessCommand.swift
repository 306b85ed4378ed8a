import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "As a registered assessor (logged in), sign off one learning outcome of a learner.",
        discussion: """
            The attestation is signed with your own key and stored in the learner's record; it \
            syncs to the repository, which issues the course's micro-credential once every \
            outcome is signed off. Your account's holder DID (`wallet-cli learner list`) must be \
            registered with the course's awarding body (`repositoryd assessor add`).

            Check who you are assessing (for example their photo ID) and say so with \
            --verified-name and --identity-checked: the credential then carries that name as \
            checked by you. Without them it carries only the name the learner gave themselves, \
            labelled "not checked". Example:
              wallet-cli assess --learner ana --outcome stacking --result passed \\
                --verified-name "Ana Pereira" --identity-checked "photo ID"
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(name: .long, help: "The learner's id or name (`wallet-cli learner list`).")
    var learner: String
    @Option(name: .long, help: "The learning outcome's id, or its last part when unique (`wallet-cli courses`).")
    var outcome: String
    @Option(name: .long, help: "passed or failed.")
    var result: String
    @Option(name: .long, help: "Scaled score between 0 and 1, e.g. 0.85.")
    var score: Double?
    @Option(name: .long, help: "A short note for the record.")
    var note: String?
    @Option(name: .long, help: "The learner's full name as you checked it (e.g. on their photo ID); goes on the credential as checked by you.")
    var verifiedName: String?
    @Option(name: .long, help: "How you checked the learner's identity, e.g. \"photo ID\" (with --verified-name).")
    var identityChecked: String?

    func validate() throws {
        guard ["passed", "failed"].contains(result) else { throw ValidationError("--result is passed or failed") }
        if let score, !(0...1).contains(score) { throw ValidationError("--score is scaled between 0 and 1, e.g. 0.85") }
        if (verifiedName == nil) != (identityChecked == nil) {
            throw ValidationError("give --verified-name and --identity-checked together: the name you checked and how (e.g. --identity-checked \"photo ID\")")
        }
    }

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let list = try loggedIn.walletd { try $0.callAllPages(Endpoints.listLearners) }
            let target = try LearnerResolver.resolve(learner, among: list.learners)
            let request = AttestationRequest(outcome: outcome, result: result, score: score, note: note,
                                             verifiedName: verifiedName, identityCheck: identityChecked)
            let reply = try loggedIn.walletd { try $0.reply(Endpoints.attest, target.id, body: request, token: loggedIn.token) }
            if options.json { return try Output.json(reply.response.body) }
            let answer = reply.answer
            Output.line("Signed off for \(target.name): \(answer.outcome) \(answer.result).")
            Output.line("attestation: \(answer.attestation) (statement \(answer.statement)); it syncs with the learner's record.")
            if let verifiedName, let identityChecked {
                Output.line("identity: you checked \(verifiedName) (\(identityChecked)); the credential will carry this name as checked by you.")
            } else {
                Output.line("identity: not checked. Unless another sign-off of this course checks it, the credential carries the learner's "
                    + "own name marked \"not checked\"; to vouch for it, sign off with --verified-name \"<name on their ID>\" "
                    + "--identity-checked \"photo ID\" before the course's last outcome is signed off.")
            }
        }
    }
}
