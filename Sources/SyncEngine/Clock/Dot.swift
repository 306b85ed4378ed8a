/// One change made on one replica: the replica and that replica's counter, which grows by one per
/// change. Dots name writes without any wall clock.
///
/// ```swift
/// let dot = Dot(replica: me, counter: 3)
/// vector.contains(dot)   // true once the vector has seen me's 3rd change
/// ```
public struct Dot: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var replica: ReplicaID
    public var counter: UInt64

    public init(replica: ReplicaID, counter: UInt64) {
        precondition(counter > 0, "dot counters start at 1")
        self.replica = replica
        self.counter = counter
    }

    public static func < (a: Dot, b: Dot) -> Bool {
        a.replica != b.replica ? a.replica < b.replica : a.counter < b.counter
    }

    public var description: String { "\(replica.rawValue):\(counter)" }
}
