extension XAPIFormat {
    /// A well-formed RFC 5646 language tag, checked subtag by subtag as the ABNF of section 2.1
    /// lays it out (the spec asks an LRS to check at least "the sequence of token lengths"):
    ///
    ///     language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
    ///
    /// or a private-use tag (`x-…`), or one of the grandfathered tags. Letter case is free.
    /// The subtags are not looked up in the IANA registry: `qq-ZZ` is well formed, `something`
    /// (nine letters) or `en-` are not. An extension singleton may appear only once (section 2.2.6).
    static func isLanguageTag(_ text: String) -> Bool {
        withBytes(text) { bytes in
            guard !bytes.isEmpty, bytes.count <= 256 else { return false }
            if isGrandfatheredIrregular(bytes) { return true }
            var parser = LanguageTagParser(bytes: bytes)
            return parser.parse()
        }
    }

    /// The irregular grandfathered tags of RFC 5646 (the regular ones already fit the grammar).
    private static let grandfatheredIrregular: [[UInt8]] = [
        "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux",
        "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl",
        "sgn-ch-de",
    ].map { Array($0.utf8) }

    private static func isGrandfatheredIrregular(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Every irregular tag starts with "i-", "en-" or "sgn-": skip the table for the rest.
        switch bytes.first.map({ $0 | 0x20 }) {
        case UInt8(ascii: "i"), UInt8(ascii: "e"), UInt8(ascii: "s"): break
        default: return false
        }
        return grandfatheredIrregular.contains { tag in
            tag.count == bytes.count && zip(tag, bytes).allSatisfy { $0 == ($1 | (isAlpha($1) ? 0x20 : 0)) }
        }
    }
}

/// Walks a language tag's subtags in grammar order. Each subtag is 1 to 8 ASCII letters or digits.
private struct LanguageTagParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The next subtag's range, without consuming it; nil at the end or on a malformed subtag.
    private func peek() -> Range<Int>? {
        guard position < bytes.count else { return nil }
        var end = position
        while end < bytes.count, bytes[end] != UInt8(ascii: "-") {
            guard XAPIFormat.isAlphaNumeric(bytes[end]) else { return nil }
            end += 1
        }
        guard end - position <= 8 else { return nil }
        return position..<end
    }

    private mutating func consume(_ range: Range<Int>) {
        // Step over the subtag and the hyphen after it, if any.
        position = range.upperBound + 1
    }

    private func allLetters(_ r: Range<Int>) -> Bool { r.allSatisfy { XAPIFormat.isAlpha(bytes[$0]) } }
    private func allDigits(_ r: Range<Int>) -> Bool { r.allSatisfy { XAPIFormat.isDigit(bytes[$0]) } }
    private func isSingleton(_ r: Range<Int>, _ letter: UInt8) -> Bool {
        r.count == 1 && (bytes[r.lowerBound] | 0x20) == letter
    }

    mutating func parse() -> Bool {
        // A hyphen at the very end or two in a row leave an empty subtag: never well formed.
        guard bytes.last != UInt8(ascii: "-") else { return false }
        guard let first = peek(), !first.isEmpty else { return false }
        if isSingleton(first, UInt8(ascii: "x")) { return parsePrivateUse() }

        // language: 2-3 letters (+ up to three 3-letter extlangs), 4 letters, or 5-8 letters.
        guard allLetters(first), (2...8).contains(first.count) else { return false }
        consume(first)
        if first.count <= 3 {
            var extlangs = 0
            while extlangs < 3, let next = peek(), next.count == 3, allLetters(next) {
                consume(next)
                extlangs += 1
            }
        }
        // script: 4 letters.
        if let next = peek(), next.count == 4, allLetters(next) { consume(next) }
        // region: 2 letters or 3 digits.
        if let next = peek(), (next.count == 2 && allLetters(next)) || (next.count == 3 && allDigits(next)) {
            consume(next)
        }
        // variants: 5-8 alphanumerics, or a digit followed by 3 alphanumerics.
        while let next = peek(),
            (5...8).contains(next.count) || (next.count == 4 && XAPIFormat.isDigit(bytes[next.lowerBound]))
        {
            consume(next)
        }
        // extensions: a singleton other than x, then one or more 2-8 character subtags.
        var singletons: UInt64 = 0
        while let next = peek(), next.count == 1, !isSingleton(next, UInt8(ascii: "x")) {
            let c = bytes[next.lowerBound]
            let bit = UInt64(1) << UInt64(XAPIFormat.isDigit(c) ? 26 + (c - 0x30) : (c | 0x20) - 0x61)
            guard singletons & bit == 0 else { return false }
            singletons |= bit
            consume(next)
            var parts = 0
            while let part = peek(), (2...8).contains(part.count) {
                consume(part)
                parts += 1
            }
            guard parts > 0 else { return false }
        }
        if let next = peek(), isSingleton(next, UInt8(ascii: "x")) { return parsePrivateUse() }
        return position >= bytes.count
    }

    /// `x` followed by one or more subtags of 1 to 8 alphanumerics, to the end of the tag.
    private mutating func parsePrivateUse() -> Bool {
        guard let x = peek() else { return false }
        consume(x)
        var parts = 0
        while let part = peek(), !part.isEmpty {
            consume(part)
            parts += 1
        }
        return parts > 0 && position >= bytes.count
    }
}
