import Foundation
import WalletAPI

/// Where a wait for sync run N stands after one `GET /v1/sync` answer.
enum SyncWaitState: Equatable {
    /// Run N (or a later one, which covered N's work too) has ended.
    case finished(SyncRunResult)
    /// A run is going on: N itself, or the one before it that N waits behind.
    case running(SyncRunProgress)
    /// Nothing runs yet; N is about to start.
    case queued

    init(_ status: SyncStatusResponse, waitingFor run: Int) {
        if let last = status.lastRun, last.run >= run {
            self = .finished(last)
        } else if let current = status.current {
            self = .running(current)
        } else {
            self = .queued
        }
    }
}

/// Words and numbers for sync output, kept pure so they can be read and tested.
enum SyncText {
    /// The progress bar's line: `pushing  [#########-----------]  4,000/10,000 statements`.
    static func progress(_ p: SyncRunProgress, width: Int = 20) -> String {
        switch p.phase {
        case "pushing" where p.pushTotal == 0 && p.pushedStatements == 0:
            // A run starts "pushing" before walletd has counted what there is to send.
            return "pushing  counting what to send…"
        case "pushing":
            // The total is what was pending when the run started; more may have come since.
            let total = max(p.pushTotal, p.pushedStatements)
            return "pushing  " + bar(done: p.pushedStatements, of: total, width: width)
                + "  \(number(p.pushedStatements))/\(number(total)) statements"
        case "catalog":
            return "catalog  fetching the new course catalog"
        case "pulling":
            return "pulling  \(number(p.pulledStatements)) statements received"
        default:
            return "\(p.phase)  …"
        }
    }

    /// `[#####-----]`: full when there is nothing to do, never more than full.
    static func bar(done: Int, of total: Int, width: Int) -> String {
        let width = max(width, 1)
        // In Double: counts come from walletd and `done * width` must not overflow.
        let share = total <= 0 ? 1 : (Double(max(0, done)) / Double(total)).clamped(to: 0...1)
        let filled = Int((share * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }

    /// What identifies a phase for `phaseLine`, or nil while it is not worth a line yet (a push
    /// whose total is not counted: the line comes once it is, or the next phase's does).
    static func phaseKey(_ p: SyncRunProgress) -> String? {
        if p.phase == "pushing", p.pushTotal == 0, p.pushedStatements == 0 { return nil }
        return "\(p.run) \(p.phase)"
    }

    /// One plain line when a phase starts, for logs and pipes (no bar, no `\r`).
    static func phaseLine(_ p: SyncRunProgress) -> String {
        switch p.phase {
        case "pushing":
            p.pushTotal > 0 ? "sync \(p.run): pushing \(number(p.pushTotal)) statements" : "sync \(p.run): pushing"
        case "pulling": "sync \(p.run): pulling"
        case "catalog": "sync \(p.run): fetching the new course catalog"
        default: "sync \(p.run): \(p.phase)"
        }
    }

    /// `Synced: pushed 4,000 statements in 4 batches, pulled 1,234 statements, 0 conflicts; took 2.35 s (6 requests).`
    static func summary(_ r: SyncRunResult) -> String {
        var parts = [
            "Synced: pushed \(number(r.pushedStatements)) statement\(plural(r.pushedStatements)) in \(number(r.pushBatches)) batch\(r.pushBatches == 1 ? "" : "es")",
            "pulled \(number(r.pulledStatements)) statement\(plural(r.pulledStatements))",
        ]
        let records = r.pushedRecords + r.pulledRecords
        if records > 0 { parts.append("\(number(records)) profile/enrolment change\(plural(records))") }
        let conflicts = r.conflictCount ?? r.conflicts.count
        parts.append("\(number(conflicts)) conflict\(plural(conflicts))"
            + (conflicts == 0 ? "" : " (same statement id, different content: both versions kept)"))
        if r.catalogUpdated { parts.append("new course catalog") }
        let seconds = String(format: "%.2f", max(0, r.durationMs) / 1000)
        return parts.joined(separator: ", ") + "; took \(seconds) s (\(number(r.requests)) request\(plural(r.requests)))."
    }

    /// What a run held back, with what the person should do: nothing when it held nothing back.
    static func heldBack(_ r: SyncRunResult) -> [String] {
        var lines: [String] = []
        if let count = r.quarantined, count > 0 {
            lines.append("Held back:     \(number(count)) item\(plural(count)) the repository refused on \(count == 1 ? "its" : "their") own (kept on this PC; `wallet-cli sync status` says why).")
        }
        for hold in r.heldBack ?? [] {
            lines.append("Held back:     learner \(hold.learner) (\(hold.phase)): \(sentence(hold.message)) " + learnerAdvice(code: hold.code))
        }
        return lines
    }

    /// What to do about a learner the repository held back, by its code.
    static func learnerAdvice(code: String) -> String {
        switch code {
        case "learner_not_held":
            "Their changes wait on this PC; bring them here again with `wallet-cli learner fetch ID` (their PIN), and they go with the next sync."
        case "learner_claim_refused":
            "Their changes wait on this PC. The repository did not believe this PC's claim for the learner (someone else may have taken the id first, or the learner's data here was altered): have the learner log in once on this PC and sync again; if it stays, ask the centre admin (docs/SECURITY.md, learner claims)."
        default:
            "Their changes wait on this PC and are tried again with every sync; other learners sync meanwhile."
        }
    }

    /// What to do about quarantined items.
    static let quarantineAdvice = "These stay in the wallet on this PC and are no longer sent. They are sent again after walletd is updated, or with `wallet-cli sync --retry-quarantined` once the cause is fixed (for example the repository's limits)."

    /// The error for a run that ended without success, and its exit status: 69 when the
    /// repository could not be reached, 65 when this PC is not registered, else 75.
    static func failure(_ r: SyncRunResult) -> CLIError {
        let message = sentence(r.error ?? "the sync failed without saying why")
        let lowered = message.lowercased()
        if lowered.contains("repository unreachable") {
            return CLIError(.unavailable, "sync failed: \(message) Nothing is lost: the changes wait on this PC and walletd retries on its own (`wallet-cli sync status` shows when).")
        }
        if lowered.contains("not registered") {
            let hint = lowered.contains("device enrol") ? "" : " The centre admin runs `wallet-cli device enrol --repository URL --code CODE`."
            return CLIError(.rejected, "sync failed: \(message)\(hint)", code: .notRegistered)
        }
        return CLIError(.retryLater, "sync failed: \(message) walletd retries on its own; `wallet-cli sync status` shows the last error and walletd's log the details.")
    }

    /// What `--timeout` ran out on.
    static func timedOut(run: Int, seconds: Int) -> CLIError {
        CLIError(.retryLater, "stopped waiting after \(seconds) s; sync \(run) goes on in walletd. `wallet-cli sync status` shows how it goes.")
    }

    /// `1234567` → `1,234,567`.
    static func number(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// "in 5 s", "in 3 min", "in 2 h 5 min".
    static func duration(seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded(.up).clamped(to: 0...1e9)))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\((s + 59) / 60) min" }
        let minutes = (s % 3600 + 59) / 60
        return "\(s / 3600) h" + (minutes > 0 ? " \(minutes) min" : "")
    }

    private static func plural(_ n: Int) -> String { n == 1 ? "" : "s" }

    /// Trimmed, ending in a full stop (walletd's messages may or may not have one).
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return trimmed }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }
}

extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double {
        isNaN ? range.lowerBound : Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
