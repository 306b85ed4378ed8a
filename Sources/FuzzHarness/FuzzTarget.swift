/// The fuzz targets: each reads untrusted bytes the way a program of the wallet does and checks
/// the properties every such reader must keep (docs/FUZZING.md).
///
/// - No crash: a trap kills the fuzzing process, which is how libFuzzer (and the replay suite)
///   notice it.
/// - Every refusal is a clear, typed error: the readers throw typed errors, so what is checked
///   here is that the message says something (an empty message is a refusal no one can act on).
/// - No hang: bounded by libFuzzer's `-timeout` and by the replay suite's time per input.
/// - Target-specific properties (a value read back equals itself after writing; a statement
///   walletd accepts survives a push and a pull byte for byte).
///
/// ```swift
/// try FuzzTarget.json.run(Array(#"{"a":[1,2]}"#.utf8))   // throws FuzzViolation when a property fails
/// ```
public enum FuzzTarget: String, CaseIterable, Sendable {
    case json
    case wire
    case statement
    case credential
    case form
    case pushPull = "push-pull"
    case cmi5
    case zip

    /// Runs one input. Returns normally when the input was accepted or refused properly; throws
    /// when a property does not hold (the caller turns that into a crash or a test failure).
    public func run(_ bytes: [UInt8]) throws(FuzzViolation) {
        switch self {
        case .json: try JSONReaderProperty.check(bytes)
        case .wire: try WireDecoderProperty.check(bytes)
        case .statement: try StatementProperty.check(bytes)
        case .credential: try CredentialProperty.check(bytes)
        case .form: try FormProperty.check(bytes)
        case .pushPull: try PushPullProperty.check(bytes)
        case .cmi5: try CoursePackageProperty.checkStructure(bytes)
        case .zip: try CoursePackageProperty.checkArchive(bytes)
        }
    }
}

/// A property that did not hold for one input: which one, and what was seen.
public struct FuzzViolation: Error, Sendable, CustomStringConvertible {
    public let property: String
    public let detail: String

    public init(_ property: String, _ detail: String) {
        self.property = property
        self.detail = detail
    }

    public var description: String { "\(property): \(detail)" }

    /// A refusal must say why: an empty message (or one made only of spaces) is not a clear error.
    static func requireMessage(_ message: String, from reader: String) throws(FuzzViolation) {
        guard message.contains(where: { !$0.isWhitespace }) else {
            throw FuzzViolation("clear refusal", "\(reader) refused the input with an empty message")
        }
    }
}
