import Foundation
import Testing

/// Deterministic simulation over the real stores: five PCs on walletd's SQLite store and the
/// repository's SQLite store, through the real wire encoding, with lost requests and answers,
/// duplicates, PCs killed just before or after a commit, the repository crashing, copied and put
/// back (by hand or with `restore`), PCs started from a copy of another's data folder, learners
/// fetched onto other PCs, and statements too large for the wire (quarantined, never in the way). One seed is one run;
/// a failure prints the line that repeats it.
///
/// `SIM_SEEDS=N` runs seeds 1…N (default 50, what CI runs); `SIM_SEED=K` runs seed K alone;
/// `SIM_LOG=/tmp/sim` writes each failed seed's problems and every step to /tmp/sim-SEED.log;
/// `SIM_DEBUG=1` prints, after each step, a PC whose acknowledged statements the repository lacks;
/// `make simulate` runs 1,000.
@Suite("Simulation over the real stores", .serialized)
struct StoreSimulationTests {
    static var seeds: [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        if let one = environment["SIM_SEED"].flatMap(UInt64.init) { return [one] }
        let count = environment["SIM_SEEDS"].flatMap(Int.init) ?? 50
        return (1...UInt64(max(1, count))).map { $0 }
    }

    @Test func everyAcknowledgedChangeReachesEveryPCThatHoldsItsLearner() async throws {
        var failed: [UInt64] = []
        var totals = (crashes: 0, broken: 0, restores: 0, statements: 0, clones: 0, poison: 0)
        for seed in Self.seeds {
            let world = try await StoreWorld(pcs: 5, seed: seed)
            for n in 0..<160 {
                try await world.step()
                if ProcessInfo.processInfo.environment["SIM_DEBUG"] != nil, let problem = try world.debugCheck(step: n) { print("DEBUG", problem, world.log.suffix(1)) }
            }
            try world.heal()
            let problems = try world.problems()
            totals.crashes += world.crashes
            totals.broken += world.brokenRuns
            totals.restores += world.restores
            totals.clones += world.clones
            totals.poison += world.poison.count
            totals.statements += world.recorded.count
            if !problems.isEmpty {
                failed.append(seed)
                if let path = ProcessInfo.processInfo.environment["SIM_LOG"] {
                    try? (problems + world.log).joined(separator: "\n").write(toFile: path + "-\(seed).log", atomically: true, encoding: .utf8)
                }
                Issue.record("""
                    seed \(seed): \(problems.prefix(5).joined(separator: "; "))
                    repeat with: SIM_SEED=\(seed) swift test --filter StoreSimulationTests
                    last steps: \(world.log.suffix(12).joined(separator: " | "))
                    """)
            }
        }
        print("store simulation: \(Self.seeds.count) seeds, \(totals.statements) statements, \(totals.crashes) crashes, \(totals.broken) broken runs, \(totals.restores) repository restores, \(totals.clones) PCs started from copies, \(totals.poison) statements too large for the wire, \(failed.count) failed")
        #expect(totals.crashes > 0 && totals.restores > 0 && totals.clones > 0 && totals.poison > 0, "the faults happened")
    }
}
