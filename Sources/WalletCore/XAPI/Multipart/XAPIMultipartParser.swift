import Foundation
import Basics

/// Reads an xAPI statement request sent as `multipart/mixed` (Communication 1.5.2, Data 2.4.11):
/// part 1 is the statements as application/json, every further part the raw bytes of an
/// attachment with `X-Experience-API-Hash` (its SHA-2 in hex) and `Content-Transfer-Encoding:
/// binary`. Parts are found exactly as RFC 2046 5.1.1 says (a delimiter is CRLF, "--" and the
/// boundary), so part data may hold any bytes, CRLF and "--" included.
///
/// Strict and bounded: the body size and part count are the caller's limits; every hash is
/// recomputed from the bytes; a part no attachment names and an attachment (without fileUrl)
/// no part carries are refused. The statements themselves are not validated here: run
/// `StatementValidator` on `body.statements` afterwards.
///
/// ```swift
/// let limits = XAPIMultipartLimits(maxBodyBytes: 16 << 20, maxParts: 101)
/// do {
///     let body = try XAPIMultipartParser.parse(bytes, contentType: contentTypeHeader, limits: limits)
///     // body.statements: the JSON; body.attachments: one XAPIAttachmentPart per hash
/// } catch {
///     throw APIError.badRequest(error.message, code: error.code)
/// }
/// ```
public enum XAPIMultipartParser {
    private static let crlf: [UInt8] = [0x0D, 0x0A]
    private static let dashes: [UInt8] = [0x2D, 0x2D]

    public static func parse(_ body: Data, contentType: String, limits: XAPIMultipartLimits) throws(XAPIMultipartError) -> XAPIMultipartBody {
        guard body.count <= limits.maxBodyBytes else { throw .bodyTooLarge(bytes: body.count, limit: limits.maxBodyBytes) }
        return try parse([UInt8](body), contentType: contentType, limits: limits)
    }

    public static func parse(_ body: [UInt8], contentType: String, limits: XAPIMultipartLimits) throws(XAPIMultipartError) -> XAPIMultipartBody {
        guard body.count <= limits.maxBodyBytes else { throw .bodyTooLarge(bytes: body.count, limit: limits.maxBodyBytes) }
        let boundary = try MultipartContentType.boundary(from: contentType)
        let rawParts = try split(body, boundary: Array(boundary.utf8), maxParts: limits.maxParts)
        guard let first = rawParts.first else { throw .noStatementsPart }

        let statementsPart = try readPart(body[first], number: 1, limits: limits)
        let firstType = statementsPart.headers["content-type"]
        guard let firstType, MultipartContentType.essence(firstType) == "application/json" else {
            throw .firstPartNotJSON(contentType: firstType)
        }
        let statements: JSONValue
        do {
            statements = try JSONValue(data: Data(statementsPart.data))
        } catch {
            throw .invalidStatementJSON(reason: error.description)
        }
        var message = XAPIMultipartBody(statements: statements, attachments: [])
        let declared = message.declaredAttachments
        var contentTypesBySHA2: [String: [String]] = [:]
        for attachment in declared {
            contentTypesBySHA2[attachment.sha2, default: []].append(attachment.contentType.map(MultipartContentType.essence) ?? "")
        }

        var received: Set<String> = []
        for (offset, range) in rawParts.dropFirst().enumerated() {
            let number = offset + 2
            let part = try readPart(body[range], number: number, limits: limits)
            let attachment = try checkAttachmentPart(part, number: number, contentTypesBySHA2: contentTypesBySHA2)
            // The spec asks senders for one copy per hash (1.5.2.s2.b2.b5) but does not forbid
            // more; equal hashes mean equal bytes, so a repeat adds nothing and is dropped.
            if received.insert(attachment.sha2).inserted {
                message.attachments.append(attachment)
            }
        }
        for attachment in declared where !attachment.hasFileURL && !received.contains(attachment.sha2) {
            throw .missingAttachmentData(path: attachment.path, sha2: attachment.sha2)
        }
        return message
    }

    private static func checkAttachmentPart(_ part: RawPart, number: Int, contentTypesBySHA2: [String: [String]]) throws(XAPIMultipartError) -> XAPIAttachmentPart {
        guard let declaredHash = part.headers["x-experience-api-hash"] else { throw .missingHash(part: number) }
        let hash = declaredHash.lowercased()
        guard hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
              let computed = XAPIAttachmentPart.digest(of: part.data, hexLength: hash.utf8.count) else {
            throw .malformedHash(part: number, value: declaredHash)
        }
        // Senders MUST say binary; an LRS SHOULD assume binary when they do not (1.5.2.s3.b6).
        if let encoding = part.headers["content-transfer-encoding"], encoding.lowercased() != "binary" {
            throw .unsupportedTransferEncoding(part: number, value: encoding)
        }
        guard computed == hash else { throw .hashMismatch(part: number, declared: hash, computed: computed) }
        guard let attachmentTypes = contentTypesBySHA2[hash] else { throw .unnamedPart(part: number, hash: hash) }
        // 1.5.2.s2.b2.b7: a part's Content-Type and its attachment's contentType must match.
        // Compared without parameters, as the spec's own example sends "text/plain" for
        // "text/plain; charset=ascii".
        if let type = part.headers["content-type"], !attachmentTypes.contains(MultipartContentType.essence(type)) {
            throw .contentTypeMismatch(part: number, header: type, attachment: attachmentTypes.first ?? "")
        }
        return XAPIAttachmentPart(verifiedSHA2: hash, contentType: part.headers["content-type"], data: Array(part.data))
    }

    /// The byte ranges of the parts (headers and data), between delimiters. RFC 2046: the first
    /// dash-boundary starts the body or follows a CRLF (a preamble before it is ignored); every
    /// later delimiter is CRLF "--" boundary; after it come optional spaces/tabs and CRLF (a part
    /// follows) or "--" (the end; an epilogue after it is ignored).
    private static func split(_ body: [UInt8], boundary: [UInt8], maxParts: Int) throws(XAPIMultipartError) -> [Range<Int>] {
        let dashBoundary = dashes + boundary
        let delimiter = crlf + dashBoundary
        var cursor: Int
        if body.starts(with: dashBoundary) {
            cursor = dashBoundary.count
        } else if let found = find(delimiter, in: body, from: 0) {
            cursor = found + delimiter.count
        } else {
            throw .noOpeningBoundary
        }
        var parts: [Range<Int>] = []
        while true {
            if body[cursor...].starts(with: dashes) { return parts }
            while cursor < body.count, body[cursor] == 0x20 || body[cursor] == 0x09 { cursor += 1 }
            guard body[cursor...].starts(with: crlf) else {
                if cursor >= body.count { throw .missingClosingBoundary }
                if body[cursor] == 0x0A { throw .bareLineFeedAfterBoundary(part: parts.count) }
                throw .boundaryPrefixInPart(part: parts.count)
            }
            cursor += crlf.count
            guard parts.count < maxParts else { throw .tooManyParts(limit: maxParts) }
            guard let end = find(delimiter, in: body, from: cursor) else { throw .missingClosingBoundary }
            parts.append(cursor..<end)
            cursor = end + delimiter.count
        }
    }

    /// The first position of `needle` in `haystack` at or after `start`. Linear for delimiters:
    /// they start with CR and hold no other CR (a boundary cannot), so a failed comparison
    /// never overlaps the next one that can begin; no input makes the scan quadratic.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let head = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == head, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private struct RawPart {
        var headers: [String: String]
        var data: ArraySlice<UInt8>
    }

    /// Splits a part into its headers (names lowercased) and its data. Header lines end with
    /// CRLF; an empty line ends them. Folded lines, bare CR or LF, non-ASCII bytes and repeated
    /// headers are refused rather than guessed at.
    private static func readPart(_ part: ArraySlice<UInt8>, number: Int, limits: XAPIMultipartLimits) throws(XAPIMultipartError) -> RawPart {
        var headers: [String: String] = [:]
        var cursor = part.startIndex
        var lines = 0
        while true {
            let searchEnd = min(part.endIndex, cursor + limits.maxHeaderLineBytes + crlf.count)
            guard let lineEnd = find(crlf, in: Array(part[cursor..<searchEnd]), from: 0).map({ cursor + $0 }) else {
                if searchEnd == part.endIndex, part.endIndex - cursor <= limits.maxHeaderLineBytes {
                    throw .unterminatedHeaders(part: number)
                }
                throw .headerLineTooLong(part: number, limit: limits.maxHeaderLineBytes)
            }
            let line = part[cursor..<lineEnd]
            cursor = lineEnd + crlf.count
            if line.isEmpty { return RawPart(headers: headers, data: part[cursor...]) }
            lines += 1
            guard lines <= limits.maxHeaderLines else { throw .tooManyHeaderLines(part: number, limit: limits.maxHeaderLines) }
            let (name, value) = try readHeaderLine(line, number: number)
            guard headers[name] == nil else { throw .duplicateHeader(part: number, name: name) }
            headers[name] = value
        }
    }

    private static func readHeaderLine(_ line: ArraySlice<UInt8>, number: Int) throws(XAPIMultipartError) -> (String, String) {
        guard let first = line.first, first != 0x20, first != 0x09 else {
            throw .malformedHeaderLine(part: number, reason: "a line starts with a space or tab (folded headers are not accepted; put each header on one line)")
        }
        if line.contains(0x0D) || line.contains(0x0A) {
            throw .malformedHeaderLine(part: number, reason: "a line holds a bare CR or LF (header lines end with CRLF)")
        }
        guard line.allSatisfy({ $0 == 0x09 || (0x20..<0x7F).contains($0) }) else {
            throw .malformedHeaderLine(part: number, reason: "a line holds bytes that are not printable ASCII")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
            throw .malformedHeaderLine(part: number, reason: "\"\(String(decoding: line.prefix(60), as: UTF8.self))\" is not Name: value")
        }
        let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
        guard !name.contains(" "), !name.contains("\t") else {
            throw .malformedHeaderLine(part: number, reason: "the header name \"\(name)\" holds a space")
        }
        let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpacesAndTabs()
        return (name.lowercased(), value)
    }
}
