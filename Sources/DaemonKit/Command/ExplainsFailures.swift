/// A root command that can say what an error escaping any of its commands means for an admin:
/// a full disk, a read-only or damaged database met by an admin command becomes a one-line
/// message and its exit code (``StartupError``) instead of a raw SQLite error and exit 1.
/// `CommandMain` asks it.
///
/// ```swift
/// extension Repositoryd: ExplainsFailures {
///     public static func explain(_ error: any Error) -> StartupError? { … }
/// }
/// ```
public protocol ExplainsFailures {
    static func explain(_ error: any Error) -> StartupError?
}
