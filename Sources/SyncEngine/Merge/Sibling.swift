import Basics

/// One concurrently written value of a mutable record, with the dot of the write that made it.
///
/// ```swift
/// let sibling = Sibling(dot: Dot(replica: pc1, counter: 2), value: "ana@example.org")
/// ```
public struct Sibling: Hashable, Sendable {
    public var dot: Dot
    public var value: JSONValue

    public init(dot: Dot, value: JSONValue) {
        self.dot = dot
        self.value = value
    }
}
