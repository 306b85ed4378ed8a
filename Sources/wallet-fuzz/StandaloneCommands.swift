#if !LIBFUZZER
import FuzzHarness
import Foundation

/// What the plain build of wallet-fuzz does: replay inputs, run the seeded mutation engine, write
/// the generated seeds. A property that fails prints the input's file (or the seed and the number
/// of the mutation) and exits 1.
enum StandaloneCommands {
    static func replay(_ arguments: [String]) {
        guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[0]) else { WalletFuzz.usage() }
        var failed = false
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(2)
            }
            let started = ContinuousClock.now
            do {
                try target.run(Array(data))
                print("ok    \(path) (\(ContinuousClock.now - started))")
            } catch {
                failed = true
                print("FAIL  \(path): \(error)")
            }
        }
        exit(failed ? 1 : 0)
    }

    static func mutate(_ arguments: [String]) {
        guard arguments.count >= 4, let target = FuzzTarget(rawValue: arguments[0]),
              let seed = UInt64(arguments[1]), let count = Int(arguments[2])
        else { WalletFuzz.usage() }
        let corpus = arguments.dropFirst(3).flatMap(CorpusFiles.read)
        var mutator = Mutator(seed: seed, corpus: corpus)
        let started = ContinuousClock.now
        for n in 0..<count {
            let input = mutator.next()
            do {
                try target.run(input)
            } catch {
                let path = CorpusFiles.saveCrash(input, target: target)
                print("FAIL  \(target.rawValue) seed \(seed) mutation \(n): \(error)")
                print("input saved to \(path); repro: swift run wallet-fuzz replay \(target.rawValue) \(path)")
                exit(1)
            }
        }
        print("\(target.rawValue): \(count) mutations from seed \(seed) in \(ContinuousClock.now - started), no failure")
    }
}
#endif
