import Basics
import Foundation
import WalletClient

extension CLIError {
    /// The message and exit status for a failed exchange with walletd: what went wrong and what
    /// to do next. walletd's own refusals keep its message, with a hint wallet-cli knows better
    /// (`wallet-cli login NAME`), matched on the `ErrorCode`, never on the words.
    init(_ error: WalletdClientError, learnerNameForHints: String?) {
        switch error {
        case .notRunning(let socket, let why):
            let reason = why == .noSocketFile ? "no socket at \(socket)" : "nothing listens at \(socket)"
            self.init(.unavailable, "walletd is not running (\(reason)). Start it with: walletd --socket \(socket)")
        case .noPermission(let socket):
            self.init(.unavailable, "no permission to use walletd's socket at \(socket). Ask the administrator to add your user to the group that may use walletd.")
        case .timedOut:
            self.init(.retryLater, "walletd did not answer in time; it may be busy. Try again in a moment.")
        case .connectionLost:
            self.init(.unavailable, "walletd closed the connection without answering. Check that it is still running (wallet-cli status) and look at its log.")
        case .transport(let failure):
            self.init(.internalError, "talking to walletd failed: \(failure). Check walletd's log.")
        case .answered(let status, nil):
            self.init(ExitStatus(httpStatus: status), "walletd answered HTTP \(status) without an error message. Check walletd's log.")
        case .answered(let status, let body?):
            let message = body.error.message.trimmingCharacters(in: .whitespacesAndNewlines)
            // walletd's message may already name the wallet-cli command to run; one hint is enough.
            let hint = message.contains("wallet-cli ") ? "" : Self.hint(for: body.error.code, status: status, learnerName: learnerNameForHints)
            self.init(ExitStatus(httpStatus: status, code: body.error.code), message + hint, code: body.error.code)
        case .undecodable(let type, _, _):
            self.init(.internalError, "walletd's answer was not what wallet-cli expects (\(type)). Check that walletd and wallet-cli are the same version.")
        case .unencodable(_, let detail):
            self.init(.internalError, "could not encode the request: \(detail). This is a bug in wallet-cli; please report it.")
        }
    }

    /// The next step wallet-cli knows better than walletd does.
    private static func hint(for code: ErrorCode, status: Int, learnerName: String?) -> String {
        let login = "wallet-cli login \(Shell.quoted(learnerName ?? "<name>"))"
        switch code {
        case .sessionExpired: return " Run `\(login)` to log in again."
        case .unauthenticated: return " Run `\(login)` to log in."
        case .forbidden: return " Run `\(login)` as the learner you want to act for."
        // walletd could not reach the repository: its message says where and why; walletd's
        // log has nothing more.
        case .repositoryUnreachable: return ""
        default: return status >= 500 ? " Check walletd's log." : ""
        }
    }
}
