import Logging

/// The one logger set-up of both daemons: a label, and the level from `LOG_LEVEL`
/// (`trace`, `debug`, `info` (default), `notice`, `warning`, `error`, `critical`).
///
/// ```swift
/// let logger = DaemonLogger.make(label: "walletd", environment: ProcessInfo.processInfo.environment)
/// ```
public enum DaemonLogger {
    public static func make(label: String, environment: [String: String]) -> Logger {
        var logger = Logger(label: label) { LazyStreamLogHandler(label: $0) }
        logger.logLevel = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        return logger
    }
}
