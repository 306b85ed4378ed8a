/// Reads the boundary out of a `multipart/mixed` Content-Type header (RFC 2045 5.1 parameter
/// syntax, RFC 2046 5.1.1 boundary characters), refusing what a strict reader cannot trust.
///
/// ```swift
/// try MultipartContentType.boundary(from: "multipart/mixed; boundary=\"abcABC0123'()+_,-./:=?\"")
/// // "abcABC0123'()+_,-./:=?"
/// ```
public enum MultipartContentType {
    /// Characters a boundary may use (RFC 2046 `bchars`).
    private static let boundaryCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
    /// RFC 2045 `tspecials`: what ends a token.
    private static let specials = Set("()<>@,;:\\\"/[]?=".utf8)

    /// The media type without parameters, lowercased: `text/plain; charset=ascii` → `text/plain`.
    public static func essence(_ contentType: String) -> String {
        let head = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return head.trimmingSpacesAndTabs().lowercased()
    }

    public static func boundary(from contentType: String) throws(XAPIMultipartError) -> String {
        guard essence(contentType) == "multipart/mixed" else {
            throw .notMultipartMixed(contentType: contentType)
        }
        let text = Array(contentType.utf8)
        guard var index = text.firstIndex(of: UInt8(ascii: ";")) else { throw .missingBoundary }
        var boundary: String?
        while index < text.count {
            // Here text[index] is ';'; a parameter follows.
            index += 1
            skipWhitespace(text, &index)
            if index == text.count { break }   // a trailing ';' is harmless
            let nameStart = index
            while index < text.count, isTokenByte(text[index]) { index += 1 }
            let name = String(decoding: text[nameStart..<index], as: UTF8.self).lowercased()
            guard !name.isEmpty, index < text.count, text[index] == UInt8(ascii: "=") else {
                throw .malformedContentType("a parameter must be name=value")
            }
            index += 1
            let value = try readValue(text, &index)
            skipWhitespace(text, &index)
            guard index == text.count || text[index] == UInt8(ascii: ";") else {
                throw .malformedContentType("parameters are separated by ';'")
            }
            if name == "boundary" {
                guard boundary == nil else { throw .duplicateBoundary }
                boundary = value
            }
        }
        guard let boundary else { throw .missingBoundary }
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.allSatisfy(boundaryCharacters.contains),
              bytes.last != UInt8(ascii: " ") else {
            throw .invalidBoundary(boundary)
        }
        return boundary
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !specials.contains(byte)
    }

    private static func skipWhitespace(_ text: [UInt8], _ index: inout Int) {
        while index < text.count, text[index] == 0x20 || text[index] == 0x09 { index += 1 }
    }

    /// A token or a quoted-string (with backslash escapes).
    private static func readValue(_ text: [UInt8], _ index: inout Int) throws(XAPIMultipartError) -> String {
        guard index < text.count else { throw .malformedContentType("a parameter has no value") }
        if text[index] != UInt8(ascii: "\"") {
            let start = index
            while index < text.count, isTokenByte(text[index]) { index += 1 }
            guard index > start else { throw .malformedContentType("a parameter has no value") }
            return String(decoding: text[start..<index], as: UTF8.self)
        }
        index += 1
        var value: [UInt8] = []
        while index < text.count {
            let byte = text[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: value, as: UTF8.self) }
            if byte == UInt8(ascii: "\\") {
                guard index < text.count else { break }
                value.append(text[index])
                index += 1
            } else {
                value.append(byte)
            }
        }
        throw .malformedContentType("a quoted parameter value has no closing quote")
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (header whitespace), Foundation-free.
    func trimmingSpacesAndTabs() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
