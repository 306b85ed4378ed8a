/// Why a statement was rejected: the property at fault and what is wrong with it.
///
/// `path` names the property the way a person reading the JSON would look for it: dotted keys from
/// the statement's root, array positions in brackets, and keys that are not plain names (extension
/// IRIs, odd language tags) quoted in brackets. An empty path means the statement itself.
///
/// ```swift
/// do {
///     try StatementValidator.validate(statement, version: .v2_0_0)
/// } catch {
///     error.path      // "context.contextActivities.parent[0].id"
///     error.message   // "context.contextActivities.parent[0].id: must be an IRI with a scheme, such as http://example.com/a"
/// }
/// ```
public struct StatementValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the fault is, e.g. `actor.mbox` or `context.contextActivities.parent[0].id`.
    public let path: String
    /// What is wrong, phrased to follow the path: `must be a mailto: IRI`.
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// One line for an API error body: `actor.mbox: must be a mailto: IRI`.
    public var message: String {
        path.isEmpty ? "statement: \(reason)" : "\(path): \(reason)"
    }

    public var description: String { message }
}
