/// The one seeded generator of the test suites (SplitMix64): the same seed gives the same cases, so a failing property
/// names the seed that reproduces it.
///
/// Every derived draw (ranges, chances, picks) is computed here from `next()` rather than through
/// the standard library's `random(in:using:)`, whose algorithm may change between Swift releases:
/// a seed reported by a failure keeps reproducing the same case.
///
/// ```swift
/// var random = SplitMix(seed: 42)
/// let n = random.int(1...50)
/// ```
public struct SplitMix: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (the modulo bias is far below anything a test could notice).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        return range.lowerBound + Int(width == 0 ? next() : next() % width)
    }

    /// A uniform double in 0..<1 (53 random bits).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var out = items
        guard out.count > 1 else { return out }
        for i in stride(from: out.count - 1, to: 0, by: -1) { out.swapAt(i, int(0...i)) }
        return out
    }

    /// Each element kept with probability `p`.
    public mutating func subset<T>(_ items: [T], p: Double = 0.5) -> [T] { items.filter { _ in chance(p) } }

    /// A lowercase UUID (random hex, dashes in place), as statement ids are.
    public mutating func uuid() -> String {
        let hex = Array("0123456789abcdef")
        var s = ""
        for i in 0..<36 {
            if [8, 13, 18, 23].contains(i) { s.append("-") } else { s.append(hex[int(0...15)]) }
        }
        return s
    }

    /// A fresh generator for a sub-task, so adding draws in one place does not shift another's.
    public mutating func split() -> SplitMix { SplitMix(seed: next()) }
}

/// The fixed seeds every property runs with.
public let propertySeeds: [UInt64] = [1, 0xC0FFEE, 0xBADC0DE, 20_261_122]
