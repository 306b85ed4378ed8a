import ArgumentParser
import Foundation
import WalletAPI

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
    static let configuration = CommandConfiguration(commandName: "now", abstract: "Sync now and wait for the result (the default).")

    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "Start the sync and return at once.")
    var noWait = false

    @Option(name: .long, help: "Give up waiting after this many seconds (the sync goes on).")
    var timeout: Int = 600

    func run() throws {
        try reportingErrors {
            let client = WalletClient(socketPath: options.socketPath)
            let started = try client.decode(SyncStartedResponse.self, from: try client.send(.post, "/v1/sync"))
            if noWait {
                if options.json { return Output.json(["run": .number(Double(started.run))]) }
                return Output.line("Sync \(started.run) started; `wallet-cli sync status` shows how it goes.")
            }
            let bar = ProgressLine(enabled: !options.json && isatty(STDERR_FILENO) == 1)
            let deadline = Date().addingTimeInterval(Double(timeout))
            var result: SyncRunResult?
            while Date() < deadline {
                let status = try client.decode(SyncStatusResponse.self, from: try client.send(.get, "/v1/sync"))
                if let last = status.lastRun, last.run >= started.run { result = last; break }
                if let current = status.current { bar.show(current) }
                usleep(200_000)
            }
            bar.finish()
            guard let result else {
                throw CLIError(.retryLater, "the sync is still running after \(timeout) s; it goes on in walletd. See `wallet-cli sync status`.")
            }
            if options.json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                if let data = try? encoder.encode(result) { try Output.json(data) }
            } else if result.ok {
                Output.line(SyncText.summary(result))
            }
            guard result.ok else {
                let message = result.error ?? "the sync failed"
                let unreachable = message.contains("unreachable")
                throw CLIError(unreachable ? .unavailable : .retryLater,
                               "sync failed: \(message)." + (unreachable ? " Nothing is lost: the changes wait on this PC and walletd retries on its own." : ""))
            }
        }
    }
}

/// One redrawn line on stderr: `pushing  [#####-----]  4,000/10,000 statements`.
struct ProgressLine {
    let enabled: Bool

    func show(_ progress: SyncRunProgress) {
        let text = SyncText.progress(progress)
        if enabled {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
        }
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}

/// Words and numbers for sync output, kept pure so they can be read and tested.
enum SyncText {
    static func progress(_ p: SyncRunProgress, width: Int = 24) -> String {
        switch p.phase {
        case "pushing":
            let total = max(p.pushTotal, p.pushedStatements)
            let filled = total == 0 ? width : min(width, p.pushedStatements * width / max(total, 1))
            return "pushing  [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]  "
                + "\(number(p.pushedStatements))/\(number(total)) statements"
        case "catalog": return "catalog  fetching the new course catalog"
        default: return "pulling  \(number(p.pulledStatements)) statements received"
        }
    }

    static func summary(_ r: SyncRunResult) -> String {
        var parts = ["Synced: pushed \(number(r.pushedStatements)) statements in \(r.pushBatches) batch\(r.pushBatches == 1 ? "" : "es")",
                     "pulled \(number(r.pulledStatements))"]
        if r.pushedRecords + r.pulledRecords > 0 { parts.append("\(r.pushedRecords + r.pulledRecords) profile/enrolment changes") }
        if !r.conflicts.isEmpty { parts.append("\(r.conflicts.count) conflicting statement ids kept") }
        if r.catalogUpdated { parts.append("new course catalog") }
        return parts.joined(separator: ", ") + String(format: " (%.2f s, %d request%@).", r.durationMs / 1000, r.requests, r.requests == 1 ? "" : "s")
    }

    static func number(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
