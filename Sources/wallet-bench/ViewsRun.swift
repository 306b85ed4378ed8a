import Foundation
import WalletAPI
import WalletClient

/// `wallet-bench views`: how a learner's views cost as their history grows, and on a PC that
/// holds a class's histories (issue 14). One learner's statements (`ViewsStatements`) are recorded
/// through the xAPI API up to each size in turn; at each size the calls a learner's page makes
/// are timed, median of five: progress, courses, a statements page of 50, one more statement
/// POSTed, and an export of their credential (earned first, `ViewsCredential`). With `--pc N`,
/// the PC is then filled to N statements over `--pc-learners` learners, this one included
/// (`ViewsPCFill`), and the same calls are timed for one of the others. With `--pid`, walletd's
/// peak resident memory is read from /proc after each row.
///
/// ```
/// wallet-bench views --socket S --sizes 1000,10000,100000 --pc 1000000 --pc-learners 30 --pid 4242
/// ```
struct ViewsRun {
    let session: BenchSession
    let pid: Int?
    static let timedCalls = 5

    /// A learner whose views are timed: their session, statements, credential and how many
    /// statements they hold.
    struct Timed {
        let session: BenchSession
        let statements: ViewsStatements
        let credential: String
        var held: Int
    }

    func execute(sizes: [Int], pc: (statements: Int, learners: Int)?) throws {
        let client = WalletdClient(socketPath: session.socket, timeout: .seconds(600))
        let catalog = try client.call(Endpoints.courses)
        let outcomes = catalog.courses.flatMap { $0.outcomes.map(\.id) }
        print("learner \(session.learner.id); the PC's catalog has \(outcomes.count) outcomes")
        // Every learner exists before any history is recorded: the credentials' syncs stay small.
        let fill = try pc.map { try ViewsPCFill.open(socket: session.socket, learners: $0.learners - 1) }
        let earning = try ViewsCredential(catalog: catalog, client: client)
        var timedSessions = [session]
        if let first = fill?.sessions.first { timedSessions.append(first) }
        for learner in timedSessions {
            try earning.pass(as: ViewsStatements(learner: learner.learner, outcomes: outcomes), token: learner.token)
        }
        try earning.syncTwice()
        var timed = try timedSessions.map {
            Timed(session: $0, statements: ViewsStatements(learner: $0.learner, outcomes: outcomes),
                  credential: try earning.credential(of: $0), held: earning.outcomes.count)
        }
        print("each timed learner earned a credential in the self-assessed course (\(earning.outcomes.count) passes, two syncs)")
        print(Self.header)
        for size in sizes where size > timed[0].held {
            try timed[0].statements.record(size - timed[0].held, from: timed[0].held, token: session.token, client: client)
            timed[0].held = size
            print(String(format: "%10d", size) + (try row(&timed[0], client: client)))
        }
        if let pc, let fill, timed.count > 1 {
            try wholePC(pc, fill: fill, first: timed[0], timed: &timed[1], passes: earning.outcomes.count, outcomes: outcomes, client: client)
        }
    }

    /// Fills the PC to `pc.statements` over the first learner (who keeps what they hold) and
    /// `fill`'s learners, then prints the row of `timed`, the first of those (whose `passes`
    /// count towards their share).
    func wholePC(_ pc: (statements: Int, learners: Int), fill: ViewsPCFill, first: Timed, timed: inout Timed, passes: Int,
                 outcomes: [String], client: WalletdClient) throws {
        let rest = pc.statements - first.held
        guard rest / fill.sessions.count >= passes else {
            throw BenchSession.Failure(message: "--pc \(pc.statements) is too small: the first learner already holds \(first.held) statements")
        }
        var counts = fill.shares(of: rest)
        var from = Array(repeating: 0, count: counts.count)
        timed.held = counts[0]
        counts[0] -= passes
        from[0] = passes
        let outcome = try fill.record(counts, from: from, outcomes: outcomes)
        print(String(format: "filled the PC to %d statements over %d learners in %.1f s (%.0f statements/s, %d connections, %d per request)",
                     pc.statements, pc.learners, Double(outcome.wallNanoseconds) / 1e9, outcome.statementsPerSecond,
                     min(ViewsPCFill.clients, fill.sessions.count), ViewsStatements.batchSize))
        print("PC-\(pc.statements): a PC with \(pc.statements) statements over \(pc.learners) learners; the views of one with \(timed.held):")
        print("PC-\(pc.statements)".leftPadded(to: 10) + (try row(&timed, client: client)))
    }

    static let header = "statements   progress ms   courses ms   page of 50 ms   one POST ms   export ms   walletd peak RSS"

    /// One row of timings (after the statement count) for `learner`, and walletd's peak RSS.
    func row(_ learner: inout Timed, client: WalletdClient) throws -> String {
        let id = learner.session.learner.id, token = learner.session.token
        let progress = try median { try client.send(Endpoints.progress, id, token: token) }
        let courses = try median { try client.send(Endpoints.learnerCourses, id, token: token) }
        let page = try median { try client.send(Endpoints.getStatements, query: ["limit": "50"], token: token) }
        var next = learner.held
        let statements = learner.statements
        let post = try median {
            defer { next += 1 }
            return try client.send(Endpoints.postStatements, rawBody: statements.statement(next), token: token)
        }
        learner.held = next
        let request = ExportRequest(credentials: [learner.credential], challenge: "bench-views", domain: "employer.bench.learner-wallet.invalid")
        let export = try median { try client.send(Endpoints.export, id, body: request, token: token) }
        return String(format: "   %11.2f   %10.2f   %13.2f   %11.2f   %9.2f   ", progress, courses, page, post, export) + peakRSS()
    }

    /// The median wall time of `timedCalls` calls, in milliseconds; a call walletd refuses fails the run.
    func median(_ call: () throws -> WalletdResponse) throws -> Double {
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<Self.timedCalls {
            var failure: (any Error)?
            let elapsed = clock.measure {
                do { _ = try call().succeeded() } catch { failure = error }
            }
            if let failure { throw failure }
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return times.sorted()[times.count / 2]
    }

    func peakRSS() -> String {
        guard let pid, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return "-" }
        return String(format: "%.1f MB", kib / 1024)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
