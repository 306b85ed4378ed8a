import CurlClient
import Foundation

// wallet-bench: throughput and latency of walletd's statement writes. See BenchOptions.usage.

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("wallet-bench: \(message)\n".utf8))
    exit(status)
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
