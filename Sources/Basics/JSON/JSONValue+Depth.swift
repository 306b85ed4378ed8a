extension JSONValue {
    /// The deepest nesting the reader takes (`JSONValue(data:)` refuses more): an object or
    /// array is one level, a value inside it one more. Bounded so that no body can exhaust the
    /// stack of a daemon.
    public static let maxNestingDepth = 100

    /// How many levels of objects and arrays this value nests, counted as the reader counts them:
    /// a scalar is 0, `{}` and `[]` are 1, `{"a": [1]}` is 2. A value that nests `n` levels can
    /// be read back only where `n` plus the levels around it stay within `maxNestingDepth`.
    ///
    /// ```swift
    /// try JSONValue(data: Data(#"{"a": {"b": [1]}}"#.utf8)).nestingDepth   // 3
    /// ```
    public var nestingDepth: Int {
        switch self {
        case .null, .bool, .number, .string: 0
        case .array(let items): 1 + items.reduce(0) { max($0, $1.nestingDepth) }
        case .object(let fields): 1 + fields.values.reduce(0) { max($0, $1.nestingDepth) }
        }
    }
}
