import ArgumentParser
import Foundation
import WalletAPI
import WalletClient

/// `wallet-cli sync status`: registration, last success, last error, what waits to be sent.
struct SyncStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how syncing with the repository goes.",
        discussion: """
            Pending changes per learner are shown for the logged-in learner, and for every learner \
            when run as root or as walletd's user (who can read walletd's admin.token).
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("walletd's admin token file, to see every learner's pending changes.", valueName: "file"))
    var adminTokenFile: String?

    @Option(name: .long, help: ArgumentHelp("walletd's data folder, to find admin.token.", valueName: "dir"))
    var dataDir: String?

    func run() throws {
        try reportingErrors {
            let walletd = Walletd(socketPath: options.socketPath)
            // A learner sees their own pending changes; the admin (who can read the token) all.
            let session = (try? SessionStore().load()).flatMap { $0.socket == options.socketPath ? $0 : nil }
            let admin = AdminToken.ifReadable(at: AdminToken.locate(explicitFile: adminTokenFile, dataDirectory: dataDir, walletd: walletd))
            let (reply, note) = try fetchStatus(walletd: walletd, session: session, admin: admin)
            if options.json { return try Output.json(reply.response.body) }
            let status = reply.answer
            var names: [String: String] = [:]
            if !status.pending.isEmpty || !(status.quarantined ?? []).isEmpty || !(status.lastRun?.heldBack ?? []).isEmpty, let list = try? walletd({ try $0.callAllPages(Endpoints.listLearners) }) {
                names = Dictionary(list.learners.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            }
            for line in SyncStatusText.lines(status, names: names) { Output.line(line) }
            if let note { Output.line(note) }
        }
    }

    /// The status with the learner's session or the admin token; an expired session still gets the totals.
    private func fetchStatus(walletd: Walletd, session: StoredSession?, admin: String?) throws(CLIError) -> (WalletdReply<SyncStatusResponse>, String?) {
        guard let session, admin == nil else { return (try walletd { try $0.reply(Endpoints.syncStatus, adminToken: admin) }, nil) }
        let withSession: CLIError
        do {
            return (try walletd { try $0.reply(Endpoints.syncStatus, token: session.token) }, nil)
        } catch {
            withSession = error
        }
        guard withSession.status == .notAllowed else { throw withSession }
        let note = "Your session has ended, so only the totals are shown; `wallet-cli login \(Shell.quoted(session.learnerName))` shows your own."
        return (try walletd { try $0.reply(Endpoints.syncStatus) }, note)
    }
}

/// `sync status` as text, kept pure.
enum SyncStatusText {
    static func lines(_ status: SyncStatusResponse, names: [String: String]) -> [String] {
        var lines: [String] = []
        if status.registered {
            lines.append("Repository:    \(status.repository ?? "?") (this PC is device \(status.device ?? "?"))")
            lines.append("Last success:  \(status.lastSuccess ?? "never")")
            if let error = status.lastError {
                lines.append("Last error:    \(error)" + (status.lastAttempt.map { " (at \($0))" } ?? ""))
            }
            if let current = status.current {
                lines.append("Running now:   sync \(current.run), " + SyncText.progress(current))
            } else if let next = status.nextAttemptInSeconds {
                lines.append("Next attempt:  in \(SyncText.duration(seconds: next))")
            }
        } else {
            lines.append("Not registered with a repository: nothing leaves this PC yet. The centre admin runs: wallet-cli device enrol --repository URL --code CODE")
        }
        lines.append("Waiting:       \(SyncText.number(status.pendingStatements)) statements, \(SyncText.number(status.pendingRecords)) profile/enrolment changes")
        for pending in status.pending where pending.statements + pending.records > 0 {
            let who = names[pending.learner].map { "\($0) (\(pending.learner))" } ?? pending.learner
            lines.append("  \(who): \(SyncText.number(pending.statements)) statements, \(SyncText.number(pending.records)) profile/enrolment changes")
        }
        if let total = status.quarantinedTotal, total > 0 {
            lines.append("Quarantined:   \(SyncText.number(total)) item\(total == 1 ? "" : "s") the repository refused on \(total == 1 ? "its" : "their") own")
            for item in status.quarantined ?? [] {
                let who = names[item.learner].map { "\($0) (\(item.learner))" } ?? item.learner
                lines.append("  \(who): \(item.kind) \(item.item) since \(item.since): \(item.code): \(SyncText.sentence(item.reason))")
            }
            if (status.quarantined ?? []).count < total {
                lines.append("  (log in as the learner, or run as the admin, to see which)")
            }
            lines.append("  " + SyncText.quarantineAdvice)
        }
        if let last = status.lastRun {
            for hold in last.heldBack ?? [] {
                let who = names[hold.learner].map { "\($0) (\(hold.learner))" } ?? hold.learner
                lines.append("Held back:     \(who), \(hold.phase) in the last sync: \(SyncText.sentence(hold.message)) " + SyncText.learnerAdvice(code: hold.code))
            }
        }
        if status.registered {
            lines.append("Catalog:       " + (status.catalogVersion.map { "version " + String($0.prefix(12)) + "…" } ?? "not received yet (it comes with the first successful sync)"))
        }
        return lines
    }
}
