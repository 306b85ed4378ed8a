import FuzzHarness
import Foundation

/// `wallet-fuzz seeds DIR`: writes the generated seeds into DIR/<target>/gen-<name>.json (both builds).
enum SeedWriter {
    static func write(_ arguments: [String]) {
        guard let directory = arguments.first else { WalletFuzz.usage() }
        for target in FuzzTarget.allCases {
            let folder = URL(fileURLWithPath: directory).appendingPathComponent(target.rawValue)
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for seed in SeedInputs.generated(for: target) {
                let file = folder.appendingPathComponent("gen-\(seed.name).json")
                _ = FileManager.default.createFile(atPath: file.path, contents: Data(seed.bytes))
                print(file.path)
            }
        }
    }
}
