#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte search over a string's UTF-8, for hot paths: with Foundation imported, `String.contains`
/// goes through `NSString.range(of:)`, which converted every pushed statement to UTF-16 and took a
/// third of the repository's push time (measured with perf on a 100,000-statement push).
///
/// ```swift
/// UTF8Search.containsAny(["verbs/passed", "verbs/completed"], in: statementJSON)   // true or false
/// ```
public enum UTF8Search {
    /// Whether `text` contains any of `needles`, byte for byte (no Unicode normalization: the
    /// needles are ASCII markers in canonical JSON).
    public static func containsAny(_ needles: [String], in text: String) -> Bool {
        var text = text
        return text.withUTF8 { haystack in
            needles.contains { needle in
                var needle = needle
                return needle.withUTF8 { pattern in
                    guard !pattern.isEmpty else { return true }
                    guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress, haystack.count >= pattern.count else { return false }
                    return find(patternBase, pattern.count, in: base, haystack.count)
                }
            }
        }
    }

    /// memchr for the first byte, memcmp for the rest (glibc's memmem is not in Swift's Glibc module).
    private static func find(_ pattern: UnsafePointer<UInt8>, _ patternCount: Int, in text: UnsafePointer<UInt8>, _ textCount: Int) -> Bool {
        let first = Int32(pattern.pointee)
        var offset = 0
        let lastStart = textCount - patternCount
        while offset <= lastStart {
            guard let hit = memchr(text + offset, first, lastStart - offset + 1) else { return false }
            let start = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - text
            if memcmp(text + start, pattern, patternCount) == 0 { return true }
            offset = start + 1
        }
        return false
    }
}
