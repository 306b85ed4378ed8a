import Foundation

/// The one byte range of a `Range` request header (RFC 9110 14.2) that the lesson files answer:
/// video and audio players seek with it. Several ranges in one header are answered with the
/// whole file, which the RFC allows a server to do.
///
/// ```swift
/// switch ByteRange.parse("bytes=100-", size: 1_000) {
/// case .whole: …                         // 200 and the whole file
/// case .part(let range): …               // 206 and bytes 100...999
/// case .unsatisfiable: …                 // 416 with Content-Range: bytes */1000
/// }
/// ```
enum ByteRange: Equatable, Sendable {
    case whole
    case part(ClosedRange<Int>)
    case unsatisfiable

    static func parse(_ header: String?, size: Int) -> ByteRange {
        precondition(size >= 0)
        guard let header, header.utf8.count <= 200 else { return .whole }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes=") else { return .whole }
        let spec = trimmed.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        guard first.allSatisfy(\.isASCIIDigit), last.allSatisfy(\.isASCIIDigit), !(first.isEmpty && last.isEmpty),
              first.count <= 18, last.count <= 18 else { return .whole }
        if first.isEmpty {
            // A suffix: the last N bytes.
            guard let count = Int(last), count > 0, size > 0 else { return .unsatisfiable }
            return .part(max(0, size - count)...(size - 1))
        }
        guard let start = Int(first) else { return .whole }
        guard start < size else { return .unsatisfiable }
        let end = last.isEmpty ? size - 1 : min(Int(last) ?? (size - 1), size - 1)
        guard end >= start else { return .whole }
        return .part(start...end)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
