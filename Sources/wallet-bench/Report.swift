import Foundation

/// Turns run outcomes into the table and the one-line summary.
enum Report {
    static func header() -> String {
        row(["clients", "statements", "failed", "seconds", "statements/s", "p50 ms", "p99 ms", "max ms"])
    }

    static func line(_ outcome: LoadRun.Outcome) -> String {
        row([
            "\(outcome.clients)", "\(outcome.succeeded)", "\(outcome.failed)",
            String(format: "%.3f", seconds(outcome.wallNanoseconds)),
            String(format: "%.0f", throughput(outcome)),
            milliseconds(percentile(outcome.latencies, 0.50)),
            milliseconds(percentile(outcome.latencies, 0.99)),
            milliseconds(outcome.latencies.last),
        ])
    }

    static func summary(_ outcomes: [LoadRun.Outcome], statements: Int) -> String {
        let runs = outcomes.map {
            "\($0.clients) client\($0.clients == 1 ? "" : "s") \(String(format: "%.0f", throughput($0))) st/s (p99 \(milliseconds(percentile($0.latencies, 0.99))) ms)"
        }
        let failed = outcomes.reduce(0) { $0 + $1.failed }
        return "summary: \(statements) statements per run, one per request: " + runs.joined(separator: "; ") + "; \(failed) failed"
    }

    static func throughput(_ outcome: LoadRun.Outcome) -> Double {
        let wall = seconds(outcome.wallNanoseconds)
        return wall > 0 ? Double(outcome.succeeded) / wall : 0
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [UInt64], _ p: Double) -> UInt64? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    private static func seconds(_ nanoseconds: UInt64) -> Double { Double(nanoseconds) / 1e9 }

    private static func milliseconds(_ nanoseconds: UInt64?) -> String {
        guard let nanoseconds else { return "-" }
        return String(format: "%.2f", Double(nanoseconds) / 1e6)
    }

    private static func row(_ cells: [String]) -> String {
        let widths = [7, 10, 6, 8, 12, 7, 7, 8]
        return zip(cells, widths).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }.joined(separator: "  ")
    }
}
