/// A seeded generator (SplitMix64): the same seed gives the same cases, so a failing property
/// names the seed that reproduces it.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    mutating func uuid() -> String {
        let hex = Array("0123456789abcdef")
        var s = ""
        for i in 0..<36 {
            if [8, 13, 18, 23].contains(i) { s.append("-") } else { s.append(hex[int(0...15)]) }
        }
        return s
    }
}

/// The fixed seeds every property runs with.
let propertySeeds: [UInt64] = [1, 0xC0FFEE, 0xBADC0DE, 20_261_122]
