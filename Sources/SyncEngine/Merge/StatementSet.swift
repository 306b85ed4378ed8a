/// The merge rule of xAPI statements: a grow-only set keyed by statement id. Statements are
/// immutable, so merging is a union; if two replicas hold different content under one id, both
/// versions are kept and the id is reported as a conflict — nothing is ever overwritten.
///
/// The stores apply the same rule row by row (insert if absent, keep the other version aside if
/// different); this value type is the rule itself, for tests and the in-memory hub.
///
/// ```swift
/// var a = StatementSet(); a.insert(id: "s1", content: "{…}")
/// let b = StatementSet(); let union = a.merged(with: b)
/// union.conflictedIDs   // ids with more than one content
/// ```
public struct StatementSet: Hashable, Sendable {
    /// Every content seen per id (canonical JSON text).
    public private(set) var versions: [String: Set<String>] = [:]

    public init() {}

    public enum InsertResult: Equatable, Sendable { case inserted, duplicate, conflict }

    @discardableResult
    public mutating func insert(id: String, content: String) -> InsertResult {
        guard let existing = versions[id] else {
            versions[id] = [content]
            return .inserted
        }
        if existing.contains(content) { return .duplicate }
        versions[id, default: []].insert(content)
        return .conflict
    }

    public func merged(with other: StatementSet) -> StatementSet {
        var result = self
        for (id, contents) in other.versions { result.versions[id, default: []].formUnion(contents) }
        return result
    }

    public var ids: Set<String> { Set(versions.keys) }
    public var conflictedIDs: Set<String> { Set(versions.filter { $0.value.count > 1 }.keys) }
    public var count: Int { versions.count }
}
