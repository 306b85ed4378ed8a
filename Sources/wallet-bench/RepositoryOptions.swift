import Foundation

/// `wallet-bench repository`'s command line: where the repositoryd instances are, the enrolment
/// codes the admin made, and the size of the load.
///
/// ```swift
/// let options = try RepositoryOptions.parse(["--url", "http://127.0.0.1:8443", "--codes", "codes.txt"])
/// ```
struct RepositoryOptions {
    /// One or more repositoryd base URLs: the devices are shared out round-robin.
    var urls: [String] = []
    /// A file with one enrolment code per line (`repositoryd enrolment-code`), one per device.
    var codesFile = ""
    var devices = 100
    var perDevice = 1_000
    /// walletd's default `--sync-batch-size` (WalletdConfiguration.syncBatchSize).
    var batch = 1_000
    /// repositoryd processes whose peak resident memory (VmHWM) is printed at the end.
    var pids: [Int32] = []

    static let usage = """
        USAGE: wallet-bench repository --url URL[,URL…] --codes FILE [--devices 100] [--per-device 1000]
                                       [--batch 1000] [--pids PID[,PID…]]

        Enrols D simulated PCs (one code each, from FILE), then each pushes N statements of its own
        learner in batches of B, all at once, then each pulls them back (own=true), all at once.
        Prints statements/s and p50/p99 latency of both phases, the errors, and the peak resident
        memory of the given repositoryd processes. Build in release.
        """

    static func parse(_ arguments: [String]) throws(BenchOptions.Invalid) -> RepositoryOptions {
        var options = RepositoryOptions()
        var rest = arguments[...]
        while let name = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchOptions.Invalid(message: "\(name) needs a value") }
            switch name {
            case "--url": options.urls = value.split(separator: ",").map(String.init)
            case "--codes": options.codesFile = value
            case "--devices": options.devices = try count(name, value, in: 1...10_000)
            case "--per-device": options.perDevice = try count(name, value, in: 1...1_000_000)
            case "--batch": options.batch = try count(name, value, in: 1...1_000)
            case "--pids":
                options.pids = value.split(separator: ",").compactMap { Int32($0) }
                guard options.pids.count == value.split(separator: ",").count else {
                    throw BenchOptions.Invalid(message: "--pids takes process ids like 1234,1240")
                }
            default: throw BenchOptions.Invalid(message: "unknown option \(name)")
            }
        }
        guard !options.urls.isEmpty else { throw BenchOptions.Invalid(message: "--url is required (repositoryd's base URL)") }
        guard !options.codesFile.isEmpty else { throw BenchOptions.Invalid(message: "--codes is required (one enrolment code per line)") }
        return options
    }

    private static func count(_ name: String, _ value: String, in range: ClosedRange<Int>) throws(BenchOptions.Invalid) -> Int {
        guard let n = Int(value), range.contains(n) else {
            throw BenchOptions.Invalid(message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }
}
