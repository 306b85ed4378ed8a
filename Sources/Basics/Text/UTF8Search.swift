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
                    return find(patternBase, pattern.count, anchor: anchor(of: pattern), in: base, haystack.count)
                }
            }
        }
    }

    /// How frequent each byte is in JSON text (higher: more frequent; 0: rare), from the bytes
    /// listed most frequent first (structure, then the commonest letters of xAPI statements). The
    /// search looks for a needle's least frequent byte, so that it stops at few places: a marker
    /// starting with `"` stopped at every quote of a statement, which made the byte search as
    /// costly as inserting the statement.
    private static let frequency: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        let frequent = Array("\"etaoinsr/:,cdl.pTh-0123456789{}umy".utf8)
        for (index, byte) in frequent.enumerated() { table[Int(byte)] = UInt8(frequent.count - index) }
        return table
    }()

    /// The offset in `pattern` of its least frequent byte (the first of them).
    private static func anchor(of pattern: UnsafeBufferPointer<UInt8>) -> Int {
        var best = 0
        for offset in pattern.indices where frequency[Int(pattern[offset])] < frequency[Int(pattern[best])] {
            best = offset
        }
        return best
    }

    /// memchr for the pattern's `anchor` byte, memcmp for the whole pattern around it (glibc's
    /// memmem is not in Swift's Glibc module).
    private static func find(_ pattern: UnsafePointer<UInt8>, _ patternCount: Int, anchor: Int, in text: UnsafePointer<UInt8>, _ textCount: Int) -> Bool {
        let byte = Int32(pattern[anchor])
        // Candidate starts run from 0 to lastStart; the anchor byte of a start sits `anchor` later.
        var start = 0
        let lastStart = textCount - patternCount
        while start <= lastStart {
            guard let hit = memchr(text + start + anchor, byte, lastStart - start + 1) else { return false }
            start = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - text - anchor
            if memcmp(text + start, pattern, patternCount) == 0 { return true }
            start += 1
        }
        return false
    }
}
