import Dispatch
import Foundation
import WalletAPI
import WalletClient

/// One measured run: `statements` POSTs shared out over `clients` threads, each with its own
/// keep-alive connection, all starting at the same moment.
struct LoadRun {
    let session: BenchSession
    let clients: Int
    let statements: Int
    let timeout: Duration

    struct Outcome {
        var clients: Int
        var succeeded: Int
        var failed: Int
        var firstError: String?
        var wallNanoseconds: UInt64
        /// Latency of every successful request, in nanoseconds, sorted.
        var latencies: [UInt64]
    }

    func execute(runNumber: Int) -> Outcome {
        let factory = StatementFactory(learner: session.learner)
        // Share the statements out as evenly as possible; the first few clients take one more.
        let bodies: [[Data]] = (0..<clients).map { client in
            let count = statements / clients + (client < statements % clients ? 1 : 0)
            return (0..<count).map { factory.body(run: runNumber, client: client, index: $0) }
        }

        let collector = Collector()
        let ready = DispatchGroup()
        let done = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for client in 0..<clients {
            ready.enter()
            done.enter()
            let worker = Worker(session: session, bodies: bodies[client], timeout: timeout)
            let thread = Thread {
                worker.run(ready: ready, start: start, collector: collector)
                done.leave()
            }
            thread.name = "bench-client-\(client)"
            thread.start()
        }
        ready.wait()
        let began = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<clients { start.signal() }
        done.wait()
        let ended = DispatchTime.now().uptimeNanoseconds

        let results = collector.results
        return Outcome(
            clients: clients,
            succeeded: results.reduce(0) { $0 + $1.latencies.count },
            failed: results.reduce(0) { $0 + $1.failed },
            firstError: results.lazy.compactMap(\.firstError).first,
            wallNanoseconds: ended - began,
            latencies: results.flatMap(\.latencies).sorted()
        )
    }
}

/// One client thread's work and findings.
private struct Worker: Sendable {
    let session: BenchSession
    let bodies: [Data]
    let timeout: Duration

    struct Result: Sendable {
        var latencies: [UInt64] = []
        var failed = 0
        var firstError: String?
    }

    func run(ready: DispatchGroup, start: DispatchSemaphore, collector: Collector) {
        // The client and its connection belong to this thread alone (WalletdClient is not Sendable).
        let client = WalletdClient(socketPath: session.socket, timeout: timeout)
        var result = Result()
        result.latencies.reserveCapacity(bodies.count)
        // Connect before the clock starts, so the run measures requests, not connection set-up.
        _ = try? client.send(Endpoints.health)
        ready.leave()
        start.wait()

        // Built once; the timed loop only swaps in each statement's bytes, encoded beforehand.
        var request = WalletdRequest(Endpoints.postStatements, token: session.token)
        for body in bodies {
            request.body = body
            let sent = DispatchTime.now().uptimeNanoseconds
            do {
                let response = try client.send(request)
                let latency = DispatchTime.now().uptimeNanoseconds - sent
                if response.status == 200 {
                    result.latencies.append(latency)
                } else {
                    result.failed += 1
                    if result.firstError == nil {
                        result.firstError = "HTTP \(response.status): \(String(response.text.prefix(300)))"
                    }
                }
            } catch {
                // The connection itself failed: walletd is gone or stuck; this client stops.
                result.failed += bodies.count - result.latencies.count - result.failed
                result.firstError = result.firstError ?? "\(error)"
                break
            }
        }
        collector.add(result)
    }
}

/// Gathers the workers' results; a lock because workers finish on their own threads.
private final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var gathered: [Worker.Result] = []

    func add(_ result: Worker.Result) {
        lock.withLock { gathered.append(result) }
    }

    var results: [Worker.Result] { lock.withLock { gathered } }
}
