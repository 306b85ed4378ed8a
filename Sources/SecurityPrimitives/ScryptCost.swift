/// The cost of one scrypt run (N = 2^logN, r, p): the one type for a PIN hash's and a sealed
/// holder key's parameters, on the PC, at the repository and on the sync wire.
///
/// Costs arrive from other machines (a pushed learner, a fetched holder key), and scrypt's memory
/// is 128·r·N bytes: the wire's widest ranges (N = 2^20, r = 64) would ask 8 GiB of whoever
/// checks a PIN. So a cost from input is only ever made by ``init(validatingLogN:blockSize:parallelism:)``,
/// which refuses anything beyond ``maxMemoryBytes`` and ``maxWork`` (8× and 16× the standard cost).
///
/// ```swift
/// let cost = ScryptCost.standard                                     // N = 2^15, r = 8, p = 1
/// let fromWire = ScryptCost(validatingLogN: 20, blockSize: 64, parallelism: 1)   // nil: 8 GiB
/// ```
public struct ScryptCost: Sendable, Hashable {
    public let logN: Int
    public let blockSize: Int
    public let parallelism: Int

    /// N = 2^15, r = 8, p = 1: about 0.1 s per try in a release build, which makes guessing a
    /// 6-digit PIN from a stolen database take days rather than seconds.
    public static let standard = ScryptCost(logN: 15)

    public static let logNRange = 1...20
    public static let blockSizeRange = 1...64
    public static let parallelismRange = 1...16
    /// Most memory one run may take: 256 MiB, 8× the standard cost's 32 MiB.
    public static let maxMemoryBytes = 256 << 20
    /// Most work (N·r·p) one run may take: 16× the standard cost.
    public static let maxWork = 1 << 22

    /// A cost chosen by this program (a default, a test's cheap cost); traps outside the bounds,
    /// which is a programming error. Costs read from input use ``init(validatingLogN:blockSize:parallelism:)``.
    public init(logN: Int, blockSize: Int = 8, parallelism: Int = 1) {
        precondition(Self.isAffordable(logN: logN, blockSize: blockSize, parallelism: parallelism),
                     "scrypt cost out of bounds: logN \(logN), r \(blockSize), p \(parallelism)")
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// A cost read from input (the sync wire, a database row): nil when a parameter is out of its
    /// range or the run would exceed ``maxMemoryBytes`` or ``maxWork``.
    public init?(validatingLogN logN: Int, blockSize: Int, parallelism: Int) {
        guard Self.isAffordable(logN: logN, blockSize: blockSize, parallelism: parallelism) else { return nil }
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// Bytes of memory one run takes: 128·r·N.
    public var memoryBytes: Int { 128 * (blockSize << logN) }

    static func isAffordable(logN: Int, blockSize: Int, parallelism: Int) -> Bool {
        // The ranges first, so the products below cannot overflow.
        guard logNRange.contains(logN), blockSizeRange.contains(blockSize), parallelismRange.contains(parallelism) else { return false }
        let n = blockSize << logN
        return 128 * n <= maxMemoryBytes && parallelism * n <= maxWork
    }
}
