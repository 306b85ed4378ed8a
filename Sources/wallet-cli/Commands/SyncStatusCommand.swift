import ArgumentParser
import Foundation
import WalletAPI

/// `wallet-cli sync status`: registration, last success, last error, what waits to be sent.
struct SyncStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show how syncing with the repository goes.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let client = WalletClient(socketPath: options.socketPath)
            // A learner sees their own pending changes; the admin (who can read the token) all.
            let session = try? SessionStore().load()
            let token = session?.socket == options.socketPath ? session?.token : nil
            let response = try client.send(.get, "/v1/sync", token: token, headers: AdminToken.headerIfReadable())
            if options.json { return try Output.json(response.body) }
            let status = try client.decode(SyncStatusResponse.self, from: response)
            guard status.registered else {
                Output.line("Not registered with a repository. The centre admin runs: wallet-cli device register --repository URL --code CODE")
                return
            }
            Output.line("Repository:    \(status.repository ?? "?") (this PC is device \(status.device ?? "?"))")
            Output.line("Last success:  \(status.lastSuccess ?? "never")")
            if let error = status.lastError { Output.line("Last error:    \(error)") }
            if let current = status.current {
                Output.line("Running now:   " + SyncText.progress(current))
            } else if let next = status.nextAttemptInSeconds {
                Output.line("Next attempt:  in \(Int(next.rounded(.up))) s")
            }
            Output.line("Waiting:       \(SyncText.number(status.pendingStatements)) statements, \(status.pendingRecords) profile/enrolment changes")
            for pending in status.pending where pending.statements + pending.records > 0 {
                Output.line("  \(pending.learner): \(SyncText.number(pending.statements)) statements, \(pending.records) records")
            }
            Output.line("Catalog:       \(status.catalogVersion.map { String($0.prefix(12)) + "…" } ?? "not received yet")")
        }
    }
}
