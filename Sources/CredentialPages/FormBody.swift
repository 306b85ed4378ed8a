import Foundation

/// Reads an `application/x-www-form-urlencoded` body (the verification form's POST): `+` is a
/// space, `%XX` a byte, the text UTF-8. Bounded: the body, the number of fields and the length of
/// a name are capped, and malformed input is refused with a reason, never guessed at.
///
/// ```swift
/// let fields = try FormBody.parse(Array("document=%7B%7D&challenge=job+4711".utf8))
/// fields["challenge"]   // "job 4711"
/// ```
public enum FormBody {
    /// An export with 100 credentials is well under this; repositoryd should refuse larger bodies
    /// before reading them.
    public static let maximumBytes = 4 << 20
    public static let maximumFields = 32
    public static let maximumNameBytes = 64

    /// Why a form body was refused, in words for the person who sent it.
    ///
    /// ```swift
    /// do { _ = try FormBody.parse(Array("a=%zz".utf8)) } catch { print(error) }
    /// ```
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// A name given twice keeps its first value.
    public static func parse(_ bytes: some Collection<UInt8>) throws(Invalid) -> [String: String] {
        guard bytes.count <= maximumBytes else { throw Invalid(description: "the form is larger than \(maximumBytes / (1 << 20)) MiB") }
        var fields: [String: String] = [:]
        var count = 0
        for pair in Array(bytes).split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            count += 1
            guard count <= maximumFields else { throw Invalid(description: "the form has more than \(maximumFields) fields") }
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decode(parts[0])
            guard name.utf8.count <= maximumNameBytes else { throw Invalid(description: "a form field name is longer than \(maximumNameBytes) bytes") }
            let value = parts.count > 1 ? try decode(parts[1]) : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    static func decode(_ raw: ArraySlice<UInt8>) throws(Invalid) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 65...70: c - 55
            case 97...102: c - 87
            default: nil
            }
        }
        while i < raw.endIndex {
            let c = raw[i]
            if c == UInt8(ascii: "+") {
                out.append(0x20)
            } else if c == UInt8(ascii: "%") {
                guard i + 2 < raw.endIndex,
                      let high = hex(raw[i + 1]), let low = hex(raw[i + 2])
                else { throw Invalid(description: "the form has a '%' not followed by two hex digits") }
                out.append(high << 4 | low)
                i += 2
            } else {
                out.append(c)
            }
            i += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw Invalid(description: "the form is not UTF-8 text") }
        return text
    }
}
