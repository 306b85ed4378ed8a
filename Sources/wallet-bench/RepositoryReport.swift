import Foundation

/// The lines `wallet-bench repository` prints: one per phase for people, and one `RESULT` line
/// of key=value pairs that scripts/bench-repository.sh reads into its table.
///
/// ```
/// push:  100000 statements, 100 requests in 3.412 s: 29308 statements/s; latency p50 1630.2 ms, p99 3301.0 ms
/// RESULT push_rate=29308 push_p50_ms=1630.2 push_p99_ms=3301.0 pull_rate=… errors=0 rss_mb=61.2,58.9
/// ```
enum RepositoryReport {
    static func phase(_ name: String, _ outcome: ConcurrentPhase.Outcome) -> String {
        let seconds = String(format: "%.3f", Double(outcome.wallNanoseconds) / 1e9)
        let rate = String(format: "%.0f", outcome.statementsPerSecond)
        return "\(name):  \(outcome.statements) statements, \(outcome.requests) requests in \(seconds) s: \(rate) statements/s; "
            + "latency p50 \(ms(Report.percentile(outcome.latencies, 0.50))) ms, p99 \(ms(Report.percentile(outcome.latencies, 0.99))) ms, "
            + "max \(ms(outcome.latencies.last)) ms"
    }

    static func resultLine(push: ConcurrentPhase.Outcome, pull: ConcurrentPhase.Outcome, errors: Int, memory: [Double?]) -> String {
        let fields = [
            "push_rate=" + String(format: "%.0f", push.statementsPerSecond),
            "push_p50_ms=" + ms(Report.percentile(push.latencies, 0.50)),
            "push_p99_ms=" + ms(Report.percentile(push.latencies, 0.99)),
            "pull_rate=" + String(format: "%.0f", pull.statementsPerSecond),
            "pull_p50_ms=" + ms(Report.percentile(pull.latencies, 0.50)),
            "pull_p99_ms=" + ms(Report.percentile(pull.latencies, 0.99)),
            "errors=\(errors)",
            "rss_mb=" + memory.map { $0.map { String(format: "%.1f", $0) } ?? "-" }.joined(separator: ","),
        ]
        return "RESULT " + fields.joined(separator: " ")
    }

    /// VmHWM of a process, from /proc (Linux), in MB; nil when it cannot be read.
    static func peakResidentMB(pid: Int32) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kB = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return kB / 1024
    }

    private static func ms(_ nanoseconds: UInt64?) -> String {
        guard let nanoseconds else { return "-" }
        return String(format: "%.1f", Double(nanoseconds) / 1e6)
    }
}
