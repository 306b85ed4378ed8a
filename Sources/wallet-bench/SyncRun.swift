import Foundation
import WalletAPI
import WalletClient

/// `wallet-bench sync`: fills a registered walletd with statements through the xAPI API, then
/// times full syncs and a no-op sync, as walletd measures them (`SyncRunResult.durationMs`) and as
/// the caller waits for them (wall time of `POST /v1/sync?wait=true`).
///
/// ```
/// wallet-bench sync --socket S --statements 10000,100000 --then 100
/// ```
/// Each count is added on top of the previous ones and pushed; `--then N` adds N more at the end
/// and times their sync (the "few new statements into a big repository" case).
struct SyncRun {
    let session: BenchSession
    let factory: StatementFactory

    init(session: BenchSession) {
        self.session = session
        factory = StatementFactory(learner: session.learner)
    }

    /// POSTs `count` statements, 500 per request.
    func record(_ count: Int, run: Int) throws -> Double {
        let client = WalletdClient(socketPath: session.socket, timeout: .seconds(120))
        let started = ContinuousClock.now
        var done = 0
        while done < count {
            let n = min(500, count - done)
            var body = Data("[".utf8)
            for i in 0..<n {
                if i > 0 { body.append(UInt8(ascii: ",")) }
                body.append(factory.body(run: run, client: 0, index: done + i))
            }
            body.append(UInt8(ascii: "]"))
            let response = try client.send(Endpoints.postStatements, rawBody: body, token: session.token)
            guard response.status == 200 else { throw BenchSession.Failure(message: "recording: HTTP \(response.status) \(response.text)") }
            done += n
        }
        return Double(count) / seconds(since: started)
    }

    /// One sync, waited for: (walletd's own duration, the caller's wall time, the result).
    func sync() throws -> (walletdMs: Double, wallMs: Double, result: SyncRunResult) {
        let client = WalletdClient(socketPath: session.socket, timeout: .seconds(3_600))
        let started = ContinuousClock.now
        let response = try client.send(Endpoints.startSync, query: ["wait": "true"])
        let wall = seconds(since: started) * 1000
        guard response.status == 200 else { throw BenchSession.Failure(message: "sync: HTTP \(response.status) \(response.text)") }
        // With `?wait=true` walletd answers the finished run, not the SyncStartedResponse of a start.
        let result = try response.decoded(as: SyncRunResult.self)
        guard result.ok else { throw BenchSession.Failure(message: "sync failed: \(result.error ?? "?")") }
        return (result.durationMs, wall, result)
    }

    func execute(counts: [Int], then extra: Int?) throws {
        var total = 0
        for (run, count) in counts.enumerated() {
            let rate = try record(count, run: run)
            total += count
            print(String(format: "recorded %d statements (%.0f st/s); the PC holds %d unsynced", count, rate, count))
            let push = try sync()
            print(String(format: "push of %7d statements: %8.1f ms in walletd, %8.1f ms wall, %d requests  (repository now holds %d)",
                         push.result.pushedStatements, push.walletdMs, push.wallMs, push.result.requests, total))
        }
        var noop: [Double] = []
        for _ in 0..<5 { noop.append(try sync().wallMs) }
        print(String(format: "no-op sync: %.2f ms wall (median of 5; %d request)", noop.sorted()[2], try sync().result.requests))
        if let extra {
            _ = try record(extra, run: counts.count)
            let small = try sync()
            print(String(format: "%d new statements into a repository holding %d: %.1f ms in walletd, %.1f ms wall, %d requests",
                         small.result.pushedStatements, total, small.walletdMs, small.wallMs, small.result.requests))
        }
    }

    func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
