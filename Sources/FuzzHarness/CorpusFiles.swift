import Foundation

/// Reading a corpus folder and keeping a failing input, shared by wallet-fuzz and the replay suite.
public enum CorpusFiles {
    /// Every regular file of `directory`, in name order (so a run is deterministic); none when it is missing.
    public static func read(_ directory: String) -> [[UInt8]] {
        named(directory).map(\.bytes)
    }

    public static func named(_ directory: String) -> [(name: String, bytes: [UInt8])] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        return names.compactMap { name in
            guard !name.hasPrefix("."), !name.hasSuffix(".md"),
                  let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
            return (name, Array(data))
        }
    }

    /// Saves `input` under .build-fuzz/crashes/<target>-<hash> and returns the path.
    public static func saveCrash(_ input: [UInt8], target: FuzzTarget, root: String = ".build-fuzz/crashes") -> String {
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325   // FNV-1a: a stable name for the same input
        for byte in input { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let path = "\(root)/\(target.rawValue)-\(String(hash, radix: 16))"
        _ = FileManager.default.createFile(atPath: path, contents: Data(input))
        return path
    }
}
