import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

#if canImport(Glibc)
import Glibc
#endif

/// `wallet-cli sync`: sync this PC with the repository now, with a progress bar on a terminal.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync this PC with the repository now (walletd also syncs on its own in the background).",
        subcommands: [SyncNowCommand.self, SyncStatusCommand.self],
        defaultSubcommand: SyncNowCommand.self
    )
}

struct SyncNowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "now",
        abstract: "Sync now and wait for the result (the default).",
        discussion: """
            On a terminal a progress bar is drawn on stderr; otherwise one line per phase. Exit 0 on \
            success, 69 when the repository is unreachable (nothing is lost; walletd retries on its \
            own), 65 when this PC is not registered, 75 for another failure or when --timeout runs out.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "Start the sync and return at once.")
    var noWait = false

    @Flag(name: .long, help: "Send the items the repository refused before (`sync status` lists them) once more.")
    var retryQuarantined = false

    @Option(name: .long, help: ArgumentHelp("Stop waiting after this many seconds (the sync goes on in walletd).", valueName: "seconds"))
    var timeout: Int = 600

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be a number of seconds above 0.") }
    }

    func run() throws {
        try reportingErrors {
            let walletd = Walletd(socketPath: options.socketPath)
            // What the run held back is shown per learner: the admin sees all, a logged-in learner
            // their own (walletd filters by the credential sent).
            let admin = AdminToken.ifReadable(at: AdminToken.locate(explicitFile: nil, dataDirectory: nil, walletd: walletd))
            let session = admin == nil ? (try? SessionStore().load()).flatMap { $0.socket == options.socketPath ? $0.token : nil } : nil
            var viewer = SyncViewer(token: session, admin: admin)
            let query = retryQuarantined ? ["retryQuarantined": "true"] : [:]
            let start = try walletd { try $0.reply(Endpoints.startSync, query: query) }
            let started = start.answer
            if noWait {
                if options.json { return try Output.json(start.response.body) }
                return Output.line("Sync \(started.run) started; `wallet-cli sync status` shows how it goes.")
            }
            var reporter = SyncProgressReporter(mode: options.json ? .quiet : isatty(STDERR_FILENO) == 1 ? .bar : .phaseLines)
            let result: SyncRunResult
            do throws(CLIError) {
                result = try wait(for: started.run, walletd: walletd, reporter: &reporter, viewer: &viewer)
                reporter.finish()
            } catch {
                reporter.finish()
                throw error
            }
            if options.json {
                try Output.json(encoded(result))
            } else if result.ok {
                Output.line(SyncText.summary(result))
                for line in SyncText.heldBack(result) { Output.line(line) }
            }
            guard result.ok else { throw SyncText.failure(result) }
        }
    }

    /// Polls `GET /v1/sync` every 200 ms until run `run` has ended or `--timeout` runs out.
    private func wait(for run: Int, walletd: Walletd, reporter: inout SyncProgressReporter, viewer: inout SyncViewer) throws(CLIError) -> SyncRunResult {
        let deadline = Date().addingTimeInterval(Double(timeout))
        while true {
            let status: SyncStatusResponse
            do throws(CLIError) {
                status = try walletd { try $0.call(Endpoints.syncStatus, token: viewer.token, adminToken: viewer.admin) }
            } catch where error.status == .notAllowed && viewer.token != nil {
                // The session ended meanwhile: the totals still say how the run went.
                viewer.token = nil
                continue
            }
            switch SyncWaitState(status, waitingFor: run) {
            case .finished(let result): return result
            case .running(let progress): reporter.show(progress)
            case .queued: break
            }
            guard Date() < deadline else { throw SyncText.timedOut(run: run, seconds: timeout) }
            usleep(200_000)
        }
    }

    private func encoded(_ result: SyncRunResult) throws(CLIError) -> Data {
        guard let data = try? JSONEncoder().encode(result) else {
            throw CLIError(.internalError, "could not encode the sync result. This is a bug in wallet-cli; please report it.")
        }
        return data
    }
}

/// The credential a sync's result is read with: the admin token, a learner's session token, or
/// none (walletd then shows only the totals).
struct SyncViewer {
    var token: String?
    var admin: String?
}

/// Shows a running sync on stderr: a bar redrawn with `\r` on a terminal, one plain line per
/// phase otherwise (logs, pipes), nothing for `--json`.
struct SyncProgressReporter {
    enum Mode { case bar, phaseLines, quiet }

    let mode: Mode
    private var lastPhase: String?
    private var drawn = false

    init(mode: Mode) { self.mode = mode }

    mutating func show(_ progress: SyncRunProgress) {
        switch mode {
        case .quiet:
            return
        case .bar:
            write("\r\u{1B}[2K" + SyncText.progress(progress))
            drawn = true
        case .phaseLines:
            guard let phase = SyncText.phaseKey(progress), phase != lastPhase else { return }
            lastPhase = phase
            write(SyncText.phaseLine(progress) + "\n")
        }
    }

    /// Clears the bar, so what follows starts on a clean line.
    mutating func finish() {
        guard mode == .bar, drawn else { return }
        write("\r\u{1B}[2K")
        drawn = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
