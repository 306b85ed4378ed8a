import Basics

/// Why an xAPI `multipart/mixed` statement request (Communication 1.5.2, Data 2.4.11) was
/// refused: one case per fault, each with a message that says what to send instead.
///
/// Parts are counted from 1 as a person reads the body: part 1 holds the statements, parts 2…
/// the attachment data.
///
/// ```swift
/// do {
///     let body = try XAPIMultipartParser.parse(bytes, contentType: header, limits: limits)
/// } catch {
///     error.code      // .badRequest
///     error.message   // "Part 2: its X-Experience-API-Hash is 4953… but its bytes hash to 1f2c…; …"
/// }
/// ```
public enum XAPIMultipartError: Error, Sendable, Equatable, CustomStringConvertible {
    case notMultipartMixed(contentType: String)
    case missingBoundary
    case duplicateBoundary
    case invalidBoundary(String)
    case malformedContentType(String)
    case bodyTooLarge(bytes: Int, limit: Int)
    case tooManyParts(limit: Int)
    case noOpeningBoundary
    case missingClosingBoundary
    case noStatementsPart
    case boundaryPrefixInPart(part: Int)
    case bareLineFeedAfterBoundary(part: Int)
    case headerLineTooLong(part: Int, limit: Int)
    case tooManyHeaderLines(part: Int, limit: Int)
    case malformedHeaderLine(part: Int, reason: String)
    case duplicateHeader(part: Int, name: String)
    case unterminatedHeaders(part: Int)
    case firstPartNotJSON(contentType: String?)
    case invalidStatementJSON(reason: String)
    case missingHash(part: Int)
    case malformedHash(part: Int, value: String)
    case unsupportedTransferEncoding(part: Int, value: String)
    case hashMismatch(part: Int, declared: String, computed: String)
    case unnamedPart(part: Int, hash: String)
    case contentTypeMismatch(part: Int, header: String, attachment: String)
    case missingAttachmentData(path: String, sha2: String)

    /// The error code an API answers with: size faults are `body_too_large`, unreadable
    /// statement JSON is `invalid_json`, an attachment without its data is `invalid_statement`,
    /// every other fault of the message's framing is `bad_request`.
    public var code: ErrorCode {
        switch self {
        case .bodyTooLarge, .tooManyParts: .bodyTooLarge
        case .invalidStatementJSON: .invalidJSON
        case .missingAttachmentData: .invalidStatement
        default: .badRequest
        }
    }

    public var message: String {
        switch self {
        case .notMultipartMixed(let contentType):
            "Content-Type is \"\(contentType)\"; statements with attachment data are sent as multipart/mixed; boundary=… (or as application/json when every attachment has a fileUrl)."
        case .missingBoundary:
            "Content-Type multipart/mixed has no boundary parameter; add one, e.g. multipart/mixed; boundary=\"xapi-boundary-1\"."
        case .duplicateBoundary:
            "Content-Type names the boundary parameter more than once; send it once."
        case .invalidBoundary(let boundary):
            "The boundary \"\(boundary)\" is not an RFC 2046 boundary: 1 to 70 characters from letters, digits and '()+_,-./:=? and space, not ending in a space."
        case .malformedContentType(let reason):
            "Content-Type cannot be read: \(reason)."
        case .bodyTooLarge(let bytes, let limit):
            "The multipart body takes \(bytes) bytes; at most \(limit) bytes are accepted. Send fewer or smaller attachments, or give large ones a fileUrl instead of their data."
        case .tooManyParts(let limit):
            "The multipart body has more than \(limit) parts (the statements part included); send fewer attachments per request."
        case .noOpeningBoundary:
            "The body never contains the boundary line the Content-Type declares; each part starts with CRLF, \"--\" and the boundary (lines end with CRLF, not a bare LF)."
        case .missingClosingBoundary:
            "The body does not end with the closing boundary line (CRLF, \"--\", the boundary, \"--\"); it may have been cut short."
        case .noStatementsPart:
            "The multipart body has no parts; its first part must hold the statements as application/json."
        case .boundaryPrefixInPart(let part):
            "\(part == 0 ? "The text before the first part" : "Part \(part)") holds a line that starts with \"--\" and the boundary but goes on with other characters; RFC 2046 lets the boundary appear in no part, so choose a boundary that does not occur in the data."
        case .bareLineFeedAfterBoundary(let part):
            "The boundary line \(part == 0 ? "that opens the body" : "after part \(part)") ends with a bare LF; multipart lines end with CRLF."
        case .headerLineTooLong(let part, let limit):
            "Part \(part) has a header line longer than \(limit) bytes (or headers not ended by an empty CRLF line); keep each header on one short line."
        case .tooManyHeaderLines(let part, let limit):
            "Part \(part) has more than \(limit) header lines; send Content-Type, Content-Transfer-Encoding and X-Experience-API-Hash only."
        case .malformedHeaderLine(let part, let reason):
            "Part \(part) has a header line that cannot be read: \(reason)."
        case .duplicateHeader(let part, let name):
            "Part \(part) has the header \(name) more than once; send it once."
        case .unterminatedHeaders(let part):
            "Part \(part)'s headers are not followed by an empty line (CRLF CRLF) before its data."
        case .firstPartNotJSON(let contentType):
            "The first part must hold the statements with Content-Type: application/json; it has \(contentType.map { "Content-Type: \($0)" } ?? "no Content-Type")."
        case .invalidStatementJSON(let reason):
            "The first part is not valid JSON: \(reason)."
        case .missingHash(let part):
            "Part \(part) has no X-Experience-API-Hash header; every attachment part carries the SHA-256 (hex) of its bytes."
        case .malformedHash(let part, let value):
            "Part \(part)'s X-Experience-API-Hash \"\(value)\" is not a SHA-256, SHA-384 or SHA-512 digest in hex (64, 96 or 128 hex digits)."
        case .unsupportedTransferEncoding(let part, let value):
            "Part \(part) has Content-Transfer-Encoding: \(value); xAPI attachment parts are sent as raw bytes with Content-Transfer-Encoding: binary."
        case .hashMismatch(let part, let declared, let computed):
            "Part \(part): its X-Experience-API-Hash is \(declared) but its bytes hash to \(computed); the data was changed in transit or the hash was computed over other bytes (the part's data ends before the CRLF of the next boundary line)."
        case .unnamedPart(let part, let hash):
            "Part \(part) (X-Experience-API-Hash \(hash)) belongs to no attachment: no attachment in the statements has this sha2. Remove the part or add its attachment."
        case .contentTypeMismatch(let part, let header, let attachment):
            "Part \(part) has Content-Type \(header) but its attachment's contentType is \(attachment); they must match."
        case .missingAttachmentData(let path, let sha2):
            "\(path) (sha2 \(sha2)) has no fileUrl and no part carries its data; add a part with X-Experience-API-Hash: \(sha2), or give the attachment a fileUrl."
        }
    }

    public var description: String { message }
}
