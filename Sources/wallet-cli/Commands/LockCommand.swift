import ArgumentParser
import WalletAPI
import WalletClient
import Basics

/// `wallet-cli lock`: before leaving a shared PC, end every session this OS account opened in
/// walletd (whichever learners they were for) and remove the local session file. walletd learns
/// the account from the kernel, so no account can end another's sessions.
struct LockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "End every session this OS account opened on this PC, and remove the session file.",
        discussion: "Use it before leaving a shared PC. Sessions of other accounts are not touched. The session file is removed even when walletd cannot be reached."
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let store = SessionStore()
            let session = try? store.load()
            // The socket the session lives on when there is one, else the one this call names.
            let walletd = Walletd(socketPath: session?.socket ?? options.socketPath)
            let answer: LockResponse
            do throws(CLIError) {
                answer = try walletd { try $0.call(Endpoints.lock) }
            } catch {
                try store.remove()
                throw CLIError(error.status, "removed the local session file, but walletd could not end this account's sessions: \(error.message)")
            }
            try store.remove()
            if options.json { return Output.json(["ended": .number(Double(answer.ended))]) }
            switch answer.ended {
            case 0: Output.line("No session of this account was open; the PC is locked.")
            case 1: Output.line("Ended 1 session of this account; the PC is locked.")
            default: Output.line("Ended \(answer.ended) sessions of this account; the PC is locked.")
            }
        }
    }
}
