/// A version vector: for each replica, how many of its changes have been seen. Entries at zero
/// are not stored, so equal histories give equal vectors.
///
/// ```swift
/// var a = VersionVector()
/// a.record(Dot(replica: pc1, counter: 1))
/// let b = VersionVector([pc2: 4])
/// a.compare(to: b)          // .concurrent
/// a.merged(with: b)         // [pc1: 1, pc2: 4]
/// ```
public struct VersionVector: Hashable, Sendable, CustomStringConvertible {
    public private(set) var counters: [ReplicaID: UInt64]

    public init() { counters = [:] }

    public init(_ counters: [ReplicaID: UInt64]) {
        self.counters = counters.filter { $0.value > 0 }
    }

    public subscript(replica: ReplicaID) -> UInt64 { counters[replica] ?? 0 }

    /// Has this vector seen the change `dot`?
    public func contains(_ dot: Dot) -> Bool { self[dot.replica] >= dot.counter }

    /// Notes that `dot` (and so every earlier change of its replica) has been seen.
    public mutating func record(_ dot: Dot) {
        if dot.counter > self[dot.replica] { counters[dot.replica] = dot.counter }
    }

    /// The next dot `replica` would make after everything this vector has seen.
    public func nextDot(for replica: ReplicaID) -> Dot {
        Dot(replica: replica, counter: self[replica] + 1)
    }

    /// Least upper bound: the pointwise maximum.
    public func merged(with other: VersionVector) -> VersionVector {
        var result = self
        for (replica, counter) in other.counters where counter > result[replica] {
            result.counters[replica] = counter
        }
        return result
    }

    public var isEmpty: Bool { counters.isEmpty }

    public var description: String {
        "[" + counters.sorted { $0.key < $1.key }.map { "\($0.key.rawValue): \($0.value)" }.joined(separator: ", ") + "]"
    }
}
