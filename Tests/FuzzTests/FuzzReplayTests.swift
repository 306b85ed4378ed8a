import Foundation
import FuzzHarness
import Testing

/// The short, deterministic fuzzing of `make test`: every input of the committed corpus
/// (Tests/Fuzz/corpus/<target>, crashes found earlier included), the generated seeds, then a fixed
/// number of seeded mutations per target. `FUZZ_MUTATIONS=N` changes the number; a failure names
/// the seed and the mutation, and `wallet-fuzz replay` or `wallet-fuzz mutate` repeats it.
@Suite("Fuzz replay")
struct FuzzReplayTests {
    static let corpusRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus").path
    static let mutations = ProcessInfo.processInfo.environment["FUZZ_MUTATIONS"].flatMap(Int.init) ?? 1_500
    static let seed: UInt64 = 20_261_202
    /// "No hang": far above what any input takes in a debug build, far below a stuck reader.
    static let slowInput: Duration = .seconds(2)

    static func corpus(_ target: FuzzTarget) -> [(name: String, bytes: [UInt8])] {
        CorpusFiles.named(corpusRoot + "/" + target.rawValue) + SeedInputs.generated(for: target, includingSigned: false)
    }

    @Test("the committed corpus is there", arguments: FuzzTarget.allCases)
    func corpusPresent(_ target: FuzzTarget) {
        #expect(!CorpusFiles.named(Self.corpusRoot + "/" + target.rawValue).isEmpty, "no seeds in Tests/Fuzz/corpus/\(target.rawValue)")
    }

    @Test("every corpus input keeps the properties", arguments: FuzzTarget.allCases)
    func replayCorpus(_ target: FuzzTarget) {
        for input in Self.corpus(target) {
            Self.expectHolds(target, input.bytes, "\(target.rawValue)/\(input.name)")
        }
    }

    @Test("seeded mutations keep the properties", arguments: FuzzTarget.allCases)
    func seededMutations(_ target: FuzzTarget) {
        var mutator = Mutator(seed: Self.seed, corpus: Self.corpus(target).map(\.bytes))
        for n in 0..<Self.mutations {
            let input = mutator.next()
            let ok = Self.expectHolds(target, input, "\(target.rawValue) seed \(Self.seed) mutation \(n)")
            if !ok {
                let path = CorpusFiles.saveCrash(input, target: target, root: NSTemporaryDirectory() + "wallet-fuzz-crashes")
                Issue.record("input saved to \(path); repro: swift run wallet-fuzz replay \(target.rawValue) \(path)")
                return
            }
        }
    }

    @discardableResult
    static func expectHolds(_ target: FuzzTarget, _ bytes: [UInt8], _ label: String) -> Bool {
        let started = ContinuousClock.now
        do {
            try target.run(bytes)
        } catch {
            Issue.record("\(label): \(error)")
            return false
        }
        let took = ContinuousClock.now - started
        #expect(took < slowInput, "\(label) took \(took) (\(bytes.count) bytes)")
        return took < slowInput
    }
}
