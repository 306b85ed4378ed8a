import CurlClient
import Foundation

// wallet-bench: throughput and latency of walletd's statement writes. See BenchOptions.usage.

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("wallet-bench: \(message)\n".utf8))
    exit(status)
}

// `wallet-bench verify [--credentials 1000]`: offline verification speed, no walletd; see VerifyRun.
if CommandLine.arguments.dropFirst().first == "verify" {
    VerifyRun.main(Array(CommandLine.arguments.dropFirst(2)))
}

// `wallet-bench repository --url URL --codes FILE [--devices 100] [--per-device 1000]`: see RepositoryRun.
if CommandLine.arguments.dropFirst().first == "repository" {
    RepositoryRun.main(Array(CommandLine.arguments.dropFirst(2)))
}

/// The `--name value` pairs after a subcommand, each handed to `take`; a name without a value ends
/// the program with a usage error.
func eachOption(_ take: (_ name: String, _ value: String) -> Void) {
    var rest = CommandLine.arguments.dropFirst(2)
    while let argument = rest.popFirst() {
        guard let value = rest.popFirst() else { fail("\(argument) needs a value", status: 64) }
        take(argument, value)
    }
}

/// A comma-separated list of positive counts, such as `1000,10000`.
func counts(_ value: String, option: String) -> [Int] {
    let counts = value.split(separator: ",").compactMap { Int($0) }
    guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else { fail("\(option) takes counts like 1000,10000,100000", status: 64) }
    return counts
}

func positive(_ value: String, or message: String) -> Int {
    guard let n = Int(value), n > 0 else { fail(message, status: 64) }
    return n
}

/// Opens a learner's session on walletd's socket, runs `body` with it and exits.
func withSession(socket: String, _ body: (BenchSession) throws -> Void) -> Never {
    do {
        try body(try BenchSession.open(socket: socket))
        exit(0)
    } catch {
        fail("\(error)", status: 1)
    }
}

// `wallet-bench views --socket S --sizes 1000,10000,100000 [--pc 1000000 --pc-learners 30] [--pid PID]`: see ViewsRun.
if CommandLine.arguments.dropFirst().first == "views" {
    var socket = ProcessInfo.processInfo.environment["WALLET_SOCKET"] ?? ""
    var sizes = [1_000, 10_000, 100_000]
    var pcStatements: Int?
    var pcLearners = 30
    var pid: Int?
    eachOption { name, value in
        switch name {
        case "--socket": socket = value
        case "--sizes": sizes = counts(value, option: name)
        case "--pc": pcStatements = positive(value, or: "--pc takes the PC's statement count, such as 1000000")
        case "--pc-learners": pcLearners = positive(value, or: "--pc-learners takes a count of at least 2 (walletd lets one account create 30 learners at once)")
        case "--pid": pid = positive(value, or: "--pid takes walletd's process id")
        default: fail("unknown option \(name)", status: 64)
        }
    }
    guard pcLearners >= 2 else { fail("--pc-learners takes a count of at least 2: the first learner and one whose views are timed", status: 64) }
    let pc = pcStatements.map { (statements: $0, learners: pcLearners) }
    withSession(socket: socket) { session in try ViewsRun(session: session, pid: pid).execute(sizes: sizes.sorted(), pc: pc) }
}

// `wallet-bench sync --socket S --statements 10000,100000 [--then 100]`: see SyncRun.
if CommandLine.arguments.dropFirst().first == "sync" {
    var socket = ProcessInfo.processInfo.environment["WALLET_SOCKET"] ?? ""
    var sizes = [10_000]
    var extra: Int?
    eachOption { name, value in
        switch name {
        case "--socket": socket = value
        case "--statements": sizes = counts(value, option: name)
        case "--then": extra = positive(value, or: "--then takes a count")
        default: fail("unknown option \(name)", status: 64)
        }
    }
    withSession(socket: socket) { session in try SyncRun(session: session).execute(counts: sizes, then: extra) }
}

let options: BenchOptions
do {
    guard let parsed = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment) else {
        print(BenchOptions.usage)
        exit(0)
    }
    options = parsed
} catch {
    fail("\(error.message)\n\(BenchOptions.usage)", status: 64)
}

#if DEBUG
FileHandle.standardError.write(Data("wallet-bench: note: this is a debug build; build with -c release for real numbers.\n".utf8))
#endif

let session: BenchSession
do {
    session = try BenchSession.open(socket: options.socket)
} catch {
    fail("could not set up against walletd at \(options.socket): \(error.message)", status: 69)
}

print("walletd \(session.health.version) at \(options.socket), durability \(session.health.durability); \(Curl.version.split(separator: " ").first.map(String.init) ?? Curl.version)")
print("\(options.statements) statements per run, one statement per request, learner \(session.learner.id)")
print(Report.header())
var outcomes: [LoadRun.Outcome] = []
for (number, clients) in options.clients.enumerated() {
    let outcome = LoadRun(session: session, clients: clients, statements: options.statements, timeout: options.timeout)
        .execute(runNumber: number)
    outcomes.append(outcome)
    print(Report.line(outcome))
    if let firstError = outcome.firstError { print("  first failure: \(firstError)") }
}
session.close()
print(Report.summary(outcomes, statements: options.statements))
exit(outcomes.allSatisfy { $0.failed == 0 } ? 0 : 1)
