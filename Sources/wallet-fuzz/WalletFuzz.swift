import FuzzHarness
import Foundation

/// `wallet-fuzz`: the fuzz targets of docs/FUZZING.md behind one program.
///
/// Built with libFuzzer (`make fuzz`: `-sanitize=fuzzer -DLIBFUZZER`), `wallet-fuzz TARGET [libFuzzer
/// options] [CORPUS…|FILE…]` runs libFuzzer on TARGET. Built plainly (`swift build`), it replays
/// inputs and runs the seeded mutation engine, which needs no sanitizer:
///
///     wallet-fuzz replay TARGET FILE…                 replays inputs (a crash file from make fuzz)
///     wallet-fuzz mutate TARGET SEED COUNT CORPUS…    COUNT seeded mutations of the corpus
///     wallet-fuzz seeds DIR                           writes the generated seeds into DIR/<target>/
@main
struct WalletFuzz {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "seeds" {
            SeedWriter.write(Array(arguments.dropFirst()))
            return
        }
        #if LIBFUZZER
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else { usage() }
        arguments.removeFirst()
        LibFuzzerDriver.run(target, arguments: [CommandLine.arguments[0]] + arguments)
        #else
        guard !arguments.isEmpty else { usage() }
        let command = arguments.removeFirst()
        switch command {
        case "replay": StandaloneCommands.replay(arguments)
        case "mutate": StandaloneCommands.mutate(arguments)
        default: usage()
        }
        #endif
    }

    static func usage() -> Never {
        let targets = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        #if LIBFUZZER
        FileHandle.standardError.write(Data("usage: wallet-fuzz \(targets) [libFuzzer options] [CORPUS_DIR…|FILE…]\n       wallet-fuzz seeds DIR\n".utf8))
        #else
        FileHandle.standardError.write(Data("""
            usage: wallet-fuzz replay \(targets) FILE…
                   wallet-fuzz mutate \(targets) SEED COUNT CORPUS_DIR…
                   wallet-fuzz seeds DIR

            """.utf8))
        #endif
        exit(2)
    }
}
