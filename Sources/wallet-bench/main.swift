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

// `wallet-bench views --socket S --sizes 1000,10000,100000 [--pid PID]`: see ViewsRun.
if CommandLine.arguments.dropFirst().first == "views" {
    var socket = ProcessInfo.processInfo.environment["WALLET_SOCKET"] ?? ""
    var sizes = [1_000, 10_000, 100_000]
    var pid: Int?
    var rest = CommandLine.arguments.dropFirst(2)
    while let argument = rest.popFirst() {
        guard let value = rest.popFirst() else { fail("\(argument) needs a value", status: 64) }
        switch argument {
        case "--socket": socket = value
        case "--sizes":
            sizes = value.split(separator: ",").compactMap { Int($0) }
            guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }) else { fail("--sizes takes counts like 1000,10000,100000", status: 64) }
        case "--pid":
            guard let n = Int(value), n > 0 else { fail("--pid takes walletd's process id", status: 64) }
            pid = n
        default: fail("unknown option \(argument)", status: 64)
        }
    }
    do {
        let session = try BenchSession.open(socket: socket)
        try ViewsRun(session: session, pid: pid).execute(sizes: sizes.sorted())
        exit(0)
    } catch {
        fail("\(error)", status: 1)
    }
}

// `wallet-bench sync --socket S --statements 10000,100000 [--then 100]`: see SyncRun.
if CommandLine.arguments.dropFirst().first == "sync" {
    var socket = ProcessInfo.processInfo.environment["WALLET_SOCKET"] ?? ""
    var counts = [10_000]
    var extra: Int?
    var rest = CommandLine.arguments.dropFirst(2)
    while let argument = rest.popFirst() {
        guard let value = rest.popFirst() else { fail("\(argument) needs a value", status: 64) }
        switch argument {
        case "--socket": socket = value
        case "--statements":
            counts = value.split(separator: ",").compactMap { Int($0) }
            guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else { fail("--statements takes counts like 10000,100000", status: 64) }
        case "--then":
            guard let n = Int(value), n > 0 else { fail("--then takes a count", status: 64) }
            extra = n
        default: fail("unknown option \(argument)", status: 64)
        }
    }
    do {
        let session = try BenchSession.open(socket: socket)
        try SyncRun(session: session).execute(counts: counts, then: extra)
        exit(0)
    } catch {
        fail("\(error)", status: 1)
    }
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
