/// How two histories relate.
public enum CausalOrder: Sendable, Equatable {
    case equal
    /// The left side has seen everything the right side has, and more.
    case dominates
    /// The right side has seen everything the left side has, and more.
    case dominated
    /// Each side has seen something the other has not: concurrent changes.
    case concurrent
}

extension VersionVector {
    /// Compares two histories entry by entry.
    ///
    /// ```swift
    /// VersionVector([a: 2]).compare(to: VersionVector([a: 1]))   // .dominates
    /// ```
    public func compare(to other: VersionVector) -> CausalOrder {
        var greater = false
        var less = false
        for (replica, counter) in counters {
            let theirs = other[replica]
            if counter > theirs { greater = true } else if counter < theirs { less = true }
        }
        for (replica, counter) in other.counters where counters[replica] == nil && counter > 0 {
            less = true
        }
        switch (greater, less) {
        case (false, false): return .equal
        case (true, false): return .dominates
        case (false, true): return .dominated
        case (true, true): return .concurrent
        }
    }

    /// True when this vector has seen everything `other` has.
    public func covers(_ other: VersionVector) -> Bool {
        let order = compare(to: other)
        return order == .equal || order == .dominates
    }
}
