import Dispatch
import Foundation

/// One timed phase of `wallet-bench repository`: a worker per simulated PC, each on its own
/// thread with its own connection, set up before the clock starts and all released at once.
///
/// ```swift
/// let outcome = ConcurrentPhase.run(workers: 100) { index in
///     PhaseWorker(prepare: { … }, work: { record in … })
/// }
/// ```
enum ConcurrentPhase {
    /// What one worker does: `prepare` (untimed: connect) then `work`, which reports each
    /// request's latency and statement count through its `Recorder`.
    struct Worker {
        var prepare: () throws -> Void
        var work: (inout Recorder) throws -> Void
    }

    struct Recorder: Sendable {
        var latencies: [UInt64] = []
        var statements = 0
        var failed = 0
        var firstError: String?

        /// Times `request` and records it; the closure answers the statements it moved.
        mutating func time(_ request: () throws -> Int) throws {
            let sent = DispatchTime.now().uptimeNanoseconds
            let moved = try request()
            latencies.append(DispatchTime.now().uptimeNanoseconds - sent)
            statements += moved
        }

        mutating func fail(_ message: String) {
            failed += 1
            if firstError == nil { firstError = message }
        }
    }

    struct Outcome {
        var statements = 0
        var requests = 0
        var failed = 0
        var firstError: String?
        var wallNanoseconds: UInt64 = 0
        /// Every successful request's latency in nanoseconds, sorted.
        var latencies: [UInt64] = []

        var statementsPerSecond: Double { wallNanoseconds > 0 ? Double(statements) / (Double(wallNanoseconds) / 1e9) : 0 }
    }

    static func run(workers count: Int, make: (Int) -> Worker) -> Outcome {
        let collector = Collector()
        let ready = DispatchGroup()
        let done = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for index in 0..<count {
            let worker = make(index)
            ready.enter()
            done.enter()
            // The closures run on this one thread only; the box carries them there.
            let box = UncheckedBox(worker)
            let thread = Thread {
                var recorder = Recorder()
                var prepared = true
                do { try box.value.prepare() } catch {
                    recorder.fail("\(error)")
                    prepared = false
                }
                ready.leave()
                start.wait()
                if prepared {
                    do { try box.value.work(&recorder) } catch { recorder.fail("\(error)") }
                }
                collector.add(recorder)
                done.leave()
            }
            thread.name = "bench-pc-\(index)"
            // 100+ threads: a small stack each is plenty for a blocking HTTP loop.
            thread.stackSize = 1 << 20
            thread.start()
        }
        ready.wait()
        let began = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<count { start.signal() }
        done.wait()
        let ended = DispatchTime.now().uptimeNanoseconds

        var outcome = Outcome(wallNanoseconds: ended - began)
        for recorder in collector.results {
            outcome.statements += recorder.statements
            outcome.requests += recorder.latencies.count
            outcome.failed += recorder.failed
            outcome.firstError = outcome.firstError ?? recorder.firstError
            outcome.latencies += recorder.latencies
        }
        outcome.latencies.sort()
        return outcome
    }
}

/// Moves a non-Sendable value to the one thread that uses it from then on.
private final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Gathers the workers' results; a lock because workers finish on their own threads.
private final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var gathered: [ConcurrentPhase.Recorder] = []

    func add(_ recorder: ConcurrentPhase.Recorder) { lock.withLock { gathered.append(recorder) } }

    var results: [ConcurrentPhase.Recorder] { lock.withLock { gathered } }
}
