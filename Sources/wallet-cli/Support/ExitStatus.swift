import Basics
import ArgumentParser

/// wallet-cli's exit codes (BSD sysexits), documented in `--help` and docs/CLI.md.
enum ExitStatus: Int32, CaseIterable {
    case ok = 0
    case usage = 64
    case rejected = 65
    case notFound = 66
    case unavailable = 69
    case internalError = 70
    case retryLater = 75
    case notAllowed = 77

    var meaning: String {
        switch self {
        case .ok: "success"
        case .usage: "wrong usage: unknown option, bad value, ambiguous learner name"
        case .rejected: "walletd rejected the input (HTTP 400, 409, 413), e.g. this PC is not registered"
        case .notFound: "not found (HTTP 404), e.g. no such learner"
        case .unavailable: "walletd or the repository is not reachable (not running, no access to the socket, network down)"
        case .internalError: "internal error (HTTP 5xx or an unexpected answer)"
        case .retryLater: "temporarily locked or busy, try again later (HTTP 429, time-out)"
        case .notAllowed: "not logged in, session expired, or forbidden (HTTP 401, 403)"
        }
    }

    /// The exit status for an HTTP error status from walletd, and its error code when it sent one:
    /// `repository_unreachable` (502 or 503) is "unavailable" like walletd itself being down, so
    /// scripts can tell "try again when the network is back" from a bug.
    init(httpStatus: Int, code: ErrorCode? = nil) {
        if code == .repositoryUnreachable || code == .resetNeedsRepository {
            self = .unavailable
            return
        }
        // 503 `busy` (many PIN checks at once, another package import): try again in a moment.
        if code == .busy {
            self = .retryLater
            return
        }
        switch httpStatus {
        case 400, 409, 413, 422: self = .rejected
        case 404: self = .notFound
        case 401, 403: self = .notAllowed
        case 429: self = .retryLater
        default: self = .internalError
        }
    }

    /// The exit codes as a `--help` discussion block.
    static var helpText: String {
        "Exit codes:\n" + allCases.map { "  " + String($0.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0) + $0.meaning }.joined(separator: "\n")
    }
}

/// A failure to report to the person at the keyboard: one message that says what to do next,
/// and the exit status.
struct CLIError: Error {
    let status: ExitStatus
    let message: String
    /// walletd's error code (`session_expired`, …) when the error came from walletd.
    let code: ErrorCode?

    init(_ status: ExitStatus, _ message: String, code: ErrorCode? = nil) {
        self.status = status
        self.message = message
        self.code = code
    }
}

extension ParsableCommand {
    /// Runs a command body, turning a `CLIError` into one line on stderr and its exit status.
    func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CLIError {
            Output.error(error.message)
            throw ExitCode(error.status.rawValue)
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            Output.error("unexpected error: \(error). This is a bug in wallet-cli; please report it.")
            throw ExitCode(ExitStatus.internalError.rawValue)
        }
    }
}
