/// The one definition of how large and how deeply nested a stored xAPI statement may be: walletd's
/// statement API refuses more when a statement is posted, and the sync wire carries anything
/// within them, so a statement walletd took always reaches every PC holding its learner.
///
/// Why these numbers: the repository keeps synced statements of at most 1 MiB, and a sync message
/// wraps each statement in envelope levels that count against the JSON reader's nesting limit:
/// 2 in a push (`{"statements": [ … ]}`), 4 in a pull answer
/// (`{"partitions": [{"statements": [ … ]}]}`). A statement may therefore nest at most
/// `JSONValue.maxNestingDepth − envelopeDepth` levels, whichever message carries it.
///
/// ```swift
/// if let problem = StatementLimits.problem(with: stored, encodedBytes: json.utf8.count) {
///     throw APIError.badRequest(problem.message, code: problem.code)
/// }
/// ```
public enum StatementLimits {
    /// Bytes of the statement's canonical JSON as stored (with `id`, `stored`, `authority`, `version`).
    public static let maxBytes = 1 << 20
    /// Levels the deepest sync message (a pull answer) puts around a statement.
    public static let envelopeDepth = 4
    /// Levels a statement may nest itself (it is level 1): 96.
    public static let maxDepth = JSONValue.maxNestingDepth - envelopeDepth

    /// Why a statement is beyond the limits, with the error code both daemons answer.
    public struct Problem: Error, Sendable, Equatable {
        public var code: ErrorCode
        public var message: String
    }

    /// nil when `statement` (whose canonical JSON takes `encodedBytes`) is within the limits.
    public static func problem(with statement: JSONValue, encodedBytes: Int) -> Problem? {
        problem(encodedBytes: encodedBytes, nestingDepth: { statement.nestingDepth })
    }

    /// The same check from counts alone, for a reader that measured the statement without
    /// building its tree (a sync push: `JSONSkim`). The depth is asked for only within the size.
    public static func problem(encodedBytes: Int, nestingDepth: () -> Int) -> Problem? {
        if encodedBytes > maxBytes {
            return Problem(code: .statementTooLarge,
                           message: "The statement takes \(encodedBytes) bytes as stored; at most \(maxBytes) bytes (1 MiB) can be kept and synced. Store large content elsewhere and refer to it (an attachment's fileUrl, or a shorter result.response).")
        }
        let depth = nestingDepth()
        if depth > maxDepth {
            return Problem(code: .statementTooDeep,
                           message: "The statement nests \(depth) levels of objects and arrays; at most \(maxDepth) can be synced. Flatten its extensions (fewer nested objects).")
        }
        return nil
    }
}
