import Basics

/// A mutable record (a profile field, an enrolment) as a multi-value register: the values written
/// concurrently (siblings, each with its dot) and the version vector of every write seen.
///
/// A write replaces exactly the siblings its writer had seen; writes made without seeing each
/// other stay side by side until a later write that has seen them all settles them. Merge is the
/// join of a semilattice: commutative, associative, idempotent, so replicas converge whatever the
/// order, duplication or batching of deliveries. No rule looks at a wall clock.
///
/// ```swift
/// var email = RegisterState()
/// email = email.writing("a@x.org", by: pc1, seen: email.context)       // one sibling
/// let other = RegisterState().writing("b@x.org", by: pc2, seen: VersionVector())
/// let both = email.merged(with: other)                                  // two siblings: a conflict
/// let settled = both.writing("a@x.org", by: pc2, seen: both.context)   // one sibling again
/// ```
public struct RegisterState: Hashable, Sendable {
    /// Sorted by dot, so equal states are equal values.
    public private(set) var siblings: [Sibling]
    public private(set) var context: VersionVector

    public init() {
        siblings = []
        context = VersionVector()
    }

    /// Builds a state from parts (decoded from the wire or the database). Siblings are sorted and
    /// each sibling's dot is recorded in the context, so an inconsistent input cannot make a
    /// state that merges wrongly.
    public init(siblings: [Sibling], context: VersionVector) {
        var context = context
        var seen = Set<Dot>()
        var unique: [Sibling] = []
        for sibling in siblings.sorted(by: { $0.dot < $1.dot }) where seen.insert(sibling.dot).inserted {
            unique.append(sibling)
            context.record(sibling.dot)
        }
        self.siblings = unique
        self.context = context
    }

    /// The most siblings a state read from the wire or the database may hold: far beyond what
    /// concurrent edits on a centre's PCs make, and a bound on what one record can cost.
    public static let maxSiblings = 1_024
    /// A write on a PC that would leave more values than this is refused: resolve first.
    public static let maxSiblingsAfterLocalWrite = 32

    public var values: [JSONValue] { siblings.map(\.value) }
    public var isConflicted: Bool { siblings.count > 1 }
    public var isEmpty: Bool { siblings.isEmpty && context.isEmpty }

    /// The state after `replica` writes `value`, having seen the versions in `seen` (the context
    /// the writer was shown; pass `context` to overwrite everything this replica knows).
    public func writing(_ value: JSONValue, by replica: ReplicaID, seen: VersionVector) -> RegisterState {
        let dot = context.merged(with: seen).nextDot(for: replica)
        var newContext = context.merged(with: seen)
        newContext.record(dot)
        let kept = siblings.filter { !seen.contains($0.dot) }
        return RegisterState(siblings: kept + [Sibling(dot: dot, value: value)], context: newContext)
    }

    /// The join of two states.
    public func merged(with other: RegisterState) -> RegisterState {
        let mine = Set(siblings.map(\.dot))
        let theirs = Set(other.siblings.map(\.dot))
        let keptMine = siblings.filter { theirs.contains($0.dot) || !other.context.contains($0.dot) }
        let keptTheirs = other.siblings.filter { !mine.contains($0.dot) && !context.contains($0.dot) }
        return RegisterState(siblings: keptMine + keptTheirs, context: context.merged(with: other.context))
    }
}
