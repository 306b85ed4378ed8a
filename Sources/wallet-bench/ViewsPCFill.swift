import Foundation
import WalletAPI
import WalletClient

/// The "whole PC" case of `wallet-bench views`: a class of learners on one PC whose histories
/// together reach a size (1,000,000 over 30 learners in issue 14). The learners are created at
/// the start (walletd lets one OS account create 30 at once, then one a minute); their
/// statements are recorded later, `ViewsStatements.batchSize` per request from `clients`
/// connections at once, each connection filling its own share of the learners.
///
/// ```swift
/// let fill = try ViewsPCFill.open(socket: socket, learners: 29)
/// let outcome = try fill.record(fill.shares(of: 900_000), from: Array(repeating: 0, count: 29), outcomes: outcomeIDs)
/// print(outcome.statementsPerSecond)
/// ```
struct ViewsPCFill {
    let socket: String
    /// The learners to fill; the first is the one whose views are timed.
    let sessions: [BenchSession]
    /// Concurrent requests while filling: group commit takes several batches in one fsync, and a
    /// client builds its next batch while walletd stores another's.
    static let clients = 4

    static func open(socket: String, learners: Int) throws -> ViewsPCFill {
        ViewsPCFill(socket: socket, sessions: try (0..<learners).map { _ in try BenchSession.open(socket: socket) })
    }

    /// How many statements each learner gets: `total` shared out evenly, the first ones one more.
    func shares(of total: Int) -> [Int] {
        sessions.indices.map { total / sessions.count + ($0 < total % sessions.count ? 1 : 0) }
    }

    /// Records `counts[i]` statements for learner `i`, numbered from `first[i]`; answers the
    /// phase's wall time and request count.
    func record(_ counts: [Int], from first: [Int], outcomes: [String]) throws -> ConcurrentPhase.Outcome {
        let sessions = sessions
        let socket = socket
        let outcome = ConcurrentPhase.run(workers: min(Self.clients, sessions.count)) { worker in
            let client = WalletdClient(socketPath: socket, timeout: .seconds(600))
            return ConcurrentPhase.Worker(prepare: {}, work: { recorder in
                for learner in stride(from: worker, to: sessions.count, by: Self.clients) {
                    let statements = ViewsStatements(learner: sessions[learner].learner, outcomes: outcomes)
                    var done = 0
                    while done < counts[learner] {
                        let n = min(ViewsStatements.batchSize, counts[learner] - done)
                        try recorder.time {
                            try statements.post(n, from: first[learner] + done, token: sessions[learner].token, client: client)
                            return n
                        }
                        done += n
                    }
                }
            })
        }
        if let failure = outcome.firstError {
            throw BenchSession.Failure(message: "filling the PC: \(outcome.failed) connection(s) failed; the first: \(failure)")
        }
        return outcome
    }
}
