import Logging

/// swift-log's `StreamLogHandler` (standard error), with its metadata formatted when a line is
/// written rather than whenever a key is set. Hummingbird sets a request id on every request's
/// logger, and `StreamLogHandler` formats all of its metadata again on each set: measured on the
/// socket benchmark, that was ~1.3% of walletd's CPU per statement POST for lines never written.
/// The lines written are exactly `StreamLogHandler`'s.
///
/// ```swift
/// let logger = Logger(label: "walletd") { LazyStreamLogHandler(label: $0) }
/// ```
public struct LazyStreamLogHandler: LogHandler {
    private var base: StreamLogHandler
    public var metadata: Logger.Metadata = [:]

    public init(label: String) {
        base = StreamLogHandler.standardError(label: label)
    }

    public var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var handler = base
        handler.metadata = metadata
        handler.log(event: event)
    }
}
