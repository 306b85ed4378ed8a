/// How much of a `multipart/mixed` statement request the parser reads before refusing it. The
/// caller chooses the body size and part count (they depend on where the request comes from);
/// the header bounds have defaults from RFC 5322 (998 octets a line).
///
/// ```swift
/// let limits = XAPIMultipartLimits(maxBodyBytes: 16 << 20, maxParts: 101)
/// let body = try XAPIMultipartParser.parse(bytes, contentType: header, limits: limits)
/// ```
public struct XAPIMultipartLimits: Sendable, Equatable {
    /// Bytes of the whole body, preamble and epilogue included.
    public var maxBodyBytes: Int
    /// Parts, the statements part included.
    public var maxParts: Int
    /// Bytes of one header line, without its CRLF.
    public var maxHeaderLineBytes: Int
    /// Header lines in one part.
    public var maxHeaderLines: Int

    public init(maxBodyBytes: Int, maxParts: Int, maxHeaderLineBytes: Int = 998, maxHeaderLines: Int = 16) {
        self.maxBodyBytes = maxBodyBytes
        self.maxParts = maxParts
        self.maxHeaderLineBytes = maxHeaderLineBytes
        self.maxHeaderLines = maxHeaderLines
    }
}
