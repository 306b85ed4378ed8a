import Foundation
import Crypto
import Basics

/// The raw data of one xAPI attachment as it travels in a `multipart/mixed` part: its bytes,
/// their SHA-2 digest in lowercase hex (the part's `X-Experience-API-Hash`, the attachment's
/// `sha2`), and the part's Content-Type when it had one.
///
/// ```swift
/// let part = XAPIAttachmentPart(contentType: "text/plain", data: Array("here is a simple attachment".utf8))
/// part.sha2   // "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a"
/// ```
public struct XAPIAttachmentPart: Sendable, Hashable {
    /// Lowercase hex SHA-256 (or SHA-384/512 when the sender used those) of `data`.
    public let sha2: String
    /// The part's Content-Type header as sent; nil when the part had none.
    public let contentType: String?
    public let data: [UInt8]

    /// A part for `data`, hashed with SHA-256 (what this wallet sends).
    public init(contentType: String?, data: [UInt8]) {
        self.sha2 = Hex.lowercase(SHA256.hash(data: data))
        self.contentType = contentType
        self.data = data
    }

    /// A part whose digest the parser has already checked against `data`.
    init(verifiedSHA2: String, contentType: String?, data: [UInt8]) {
        self.sha2 = verifiedSHA2
        self.contentType = contentType
        self.data = data
    }

    /// The lowercase hex digest of `data` with the SHA-2 function whose hex is `hexLength`
    /// digits long (64, 96, 128); nil for another length. SHA-224 (56) is not offered by
    /// swift-crypto, and the spec asks senders for SHA-256, -384 or -512 (Communication 1.5.2.s4).
    static func digest(of data: ArraySlice<UInt8>, hexLength: Int) -> String? {
        switch hexLength {
        case 64: Hex.lowercase(SHA256.hash(data: data))
        case 96: Hex.lowercase(SHA384.hash(data: data))
        case 128: Hex.lowercase(SHA512.hash(data: data))
        default: nil
        }
    }
}

extension XAPIAttachmentPart {
    /// The same data and digest under another Content-Type: a part sent without one is kept
    /// with its attachment's `contentType`, so that a later answer names it.
    public func withContentType(_ contentType: String?) -> XAPIAttachmentPart {
        XAPIAttachmentPart(verifiedSHA2: sha2, contentType: contentType, data: data)
    }

    /// A part read back from storage, whose digest was checked when it was stored.
    static func stored(sha2: String, contentType: String?, data: [UInt8]) -> XAPIAttachmentPart {
        XAPIAttachmentPart(verifiedSHA2: sha2, contentType: contentType, data: data)
    }
}
