import ArgumentParser
import Basics
import Foundation
import WalletAPI
import WalletClient

/// `wallet-cli audit` (centre admin): this PC's audit log — logins, wrong PINs, lock-outs,
/// exports, attestations, forget, enrolment — oldest first, and whether its hash chain holds.
/// Exits 65 when the chain is broken (an entry was changed, removed or moved), naming the first
/// broken entry.
///
/// ```
/// $ wallet-cli audit
/// 2026-11-22T09:15:03.123Z  #1  login      ana-7f3e  {"uid":"1000"}
/// Chain verified: 1 entry.
/// ```
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show this PC's audit log and check its hash chain (centre admin).",
        discussion: """
            Run as root or as walletd's user: the command reads walletd's admin.token like \
            `device enrol`. Exit 65 when the chain does not verify: an entry was changed, \
            removed or moved after it was written; the first such entry is named.
            """
    )
    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("walletd's admin token file.", valueName: "file"))
    var adminTokenFile: String?

    @Option(name: .long, help: ArgumentHelp("walletd's data folder, to find admin.token.", valueName: "dir"))
    var dataDir: String?

    func run() throws {
        try reportingErrors {
            let walletd = Walletd(socketPath: options.socketPath)
            let token = try AdminToken.read(AdminToken.locate(explicitFile: adminTokenFile, dataDirectory: dataDir, walletd: walletd))
            let reply = try walletd { try $0.replyAllPages(Endpoints.audit, adminToken: token) }
            let log = reply.answer
            if options.json {
                try Output.json(reply.response.body)
            } else {
                Output.table(["time", "seq", "event", "learner (sha256)", "device", "details"], log.entries.map { entry in
                    [Timestamp.format(millisecondsSince1970: entry.atMs), String(entry.seq), entry.kind, entry.learnerHash.map { String($0.prefix(16)) } ?? "-",
                     entry.device ?? "-", entry.detail]
                })
                if log.verified {
                    Output.line("Chain verified: \(log.entries.count) \(log.entries.count == 1 ? "entry" : "entries").")
                } else {
                    Output.line("CHAIN BROKEN at entry \(log.firstBroken.map(String.init) ?? "?"): it or an entry before it was changed, removed or moved after it was written.")
                }
                if let anchor = log.anchor {
                    if anchor.broken {
                        Output.line("ANCHOR BROKEN: the repository found an entry it had anchored gone or changed on this PC (recorded in `repositoryd audit`). Anchored again at entry \(anchor.seq).")
                    } else {
                        Output.line("Anchored at the repository up to entry \(anchor.seq) (\(Timestamp.format(millisecondsSince1970: anchor.atMs))).")
                    }
                } else {
                    Output.line("Not anchored at the repository since walletd started (it is after each sync of an enrolled PC).")
                }
            }
            if !log.verified || log.anchor?.broken == true { throw ExitCode(ExitStatus.rejected.rawValue) }
        }
    }
}
