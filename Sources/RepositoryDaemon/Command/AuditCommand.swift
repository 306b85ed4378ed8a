import ArgumentParser
import Basics
import Foundation
import RepositoryCore
import SecurityPrimitives

/// `repositoryd audit [--json] [--verify]`: the repository's audit log — learner fetches, wrong
/// PINs, lock-outs, enrolment codes, device enrolment and revocation, credential issuance and
/// status changes, erasures — oldest first, and whether its hash chain holds. Works while the
/// server runs (a read). Exits 65 when the chain is broken, naming the first broken entry.
///
/// ```
/// repositoryd audit --json
/// repositoryd audit --verify     # only the verdict
/// ```
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit log and check its hash chain (exit 65 when it is broken).")
    @OptionGroup var data: StoreLocationOption
    @Flag(name: .long, help: "Print JSON: {entries, verified, firstBroken}.") var json = false
    @Flag(name: .long, help: "Print only whether the chain verifies.") var verify = false

    /// The JSON shape, the same as walletd's `GET /v1/audit`.
    struct Report: Encodable {
        struct Line: Encodable {
            var seq: Int64
            var atMs: Int64
            var kind: String
            var learnerHash: String?
            var device: String?
            var detail: String
            var hash: String
        }
        var entries: [Line]
        var verified: Bool
        var firstBroken: Int64?
    }

    func run() async throws {
        let (entries, broken) = try await RepositoryStoreOpener.open(data).auditLog()
        if json {
            let lines = verify ? [] : entries.map {
                Report.Line(seq: $0.seq, atMs: $0.atMs, kind: $0.kind, learnerHash: $0.learner, device: $0.device, detail: $0.detail, hash: Hex.lowercase($0.hash))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(Report(entries: lines, verified: broken == nil, firstBroken: broken)), as: UTF8.self))
        } else {
            if !verify {
                for entry in entries {
                    print([Timestamp.format(millisecondsSince1970: entry.atMs), "#\(entry.seq)", entry.kind, entry.learner ?? "-", entry.device ?? "-", entry.detail]
                        .joined(separator: "\t"))
                }
            }
            if let broken {
                print("CHAIN BROKEN at entry \(broken): it or an entry before it was changed, removed or moved after it was written.")
            } else {
                print("chain verified: \(entries.count) \(entries.count == 1 ? "entry" : "entries")")
            }
        }
        if broken != nil { throw ExitCode(65) }
    }
}
