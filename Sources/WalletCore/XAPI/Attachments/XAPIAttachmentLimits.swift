/// How much attachment data walletd takes (xAPI Communication 1.5.2.s3.b7: an LRS may refuse
/// what is larger than it is configured to allow). Attachment data stays in this PC's database
/// (it does not sync), so the bounds keep one request, and one part, well inside what a PC's
/// memory and disk take in stride. Beyond them walletd answers 413 `body_too_large`.
///
/// ```swift
/// let limits = XAPIAttachmentLimits.standard
/// let body = try XAPIMultipartParser.parse(bytes, contentType: header, limits: limits.multipart)
/// if body.attachments.contains(where: { $0.data.count > limits.maxPartBytes }) { /* 413 */ }
/// ```
public struct XAPIAttachmentLimits: Sendable, Equatable {
    /// Bytes of a whole `multipart/mixed` request: statements and every part.
    public var maxRequestBytes: Int
    /// Bytes of one attachment's data.
    public var maxPartBytes: Int
    /// Parts of one request, the statements part included.
    public var maxParts: Int

    /// 16 MiB a request, 8 MiB an attachment, 64 attachments a request (docs/XAPI.md).
    public static let standard = XAPIAttachmentLimits(maxRequestBytes: 16 << 20, maxPartBytes: 8 << 20, maxParts: 65)

    public init(maxRequestBytes: Int, maxPartBytes: Int, maxParts: Int) {
        self.maxRequestBytes = maxRequestBytes
        self.maxPartBytes = maxPartBytes
        self.maxParts = maxParts
    }

    /// The parser's bounds.
    public var multipart: XAPIMultipartLimits {
        XAPIMultipartLimits(maxBodyBytes: maxRequestBytes, maxParts: maxParts)
    }
}
