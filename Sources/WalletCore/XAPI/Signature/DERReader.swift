/// Reads DER (X.690) TLVs one after another: just enough to walk an X.509 certificate to its
/// public key. Definite lengths only (DER allows no other); lengths beyond four bytes or past
/// the end of the input are refused.
///
/// ```swift
/// var reader = DERReader(bytes[...])
/// if let sequence = reader.read(tag: 0x30) { var inner = DERReader(sequence.content) }
/// ```
struct DERReader {
    /// One element: its whole encoding (tag, length, content) and its content.
    struct Element {
        let whole: ArraySlice<UInt8>
        let content: ArraySlice<UInt8>
    }

    private var rest: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        rest = bytes
    }

    var isAtEnd: Bool { rest.isEmpty }
    var nextTag: UInt8? { rest.first }

    /// The next element when its tag is `tag`; nil (and nothing consumed) otherwise.
    mutating func read(tag: UInt8) -> Element? {
        guard rest.first == tag else { return nil }
        var index = rest.startIndex + 1
        guard index < rest.endIndex else { return nil }
        let first = rest[index]
        index += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard (1...4).contains(count), rest.endIndex - index >= count else { return nil }
            for byte in rest[index..<(index + count)] { length = length << 8 | Int(byte) }
            index += count
        }
        guard rest.endIndex - index >= length else { return nil }
        let element = Element(whole: rest[rest.startIndex..<(index + length)], content: rest[index..<(index + length)])
        rest = rest[(index + length)...]
        return element
    }
}
