import Basics
import Foundation

/// The seeded mutation engine: the fallback when libFuzzer is not available and the engine of the
/// short replay in `make test`. Byte-level mutations (flips, inserts, deletes, splices) and
/// JSON-aware ones (deep nesting, huge and odd numbers, long strings, invalid UTF-8, lone
/// surrogates, duplicate keys, a node replaced by another type). Deterministic from its seed.
///
/// ```swift
/// var mutator = Mutator(seed: 42, corpus: seeds)
/// let input = mutator.next()     // one mutated input, from a random seed of the corpus
/// ```
public struct Mutator: Sendable {
    /// Inputs never grow past this: big enough for a statement near its limit, small enough to stay fast.
    public static let maximumBytes = 1 << 18

    private var random: SeededRandom
    private let corpus: [[UInt8]]

    public init(seed: UInt64, corpus: [[UInt8]]) {
        random = SeededRandom(seed: seed)
        self.corpus = corpus.isEmpty ? [Array("{}".utf8)] : corpus
    }

    /// One input: a corpus entry with 1 to 4 mutations stacked.
    public mutating func next() -> [UInt8] {
        var bytes = corpus[random.below(corpus.count)]
        for _ in 0...random.below(4) {
            bytes = mutate(bytes)
            if bytes.count > Self.maximumBytes { bytes = Array(bytes.prefix(Self.maximumBytes)) }
        }
        return bytes
    }

    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        switch random.below(14) {
        case 0 where !bytes.isEmpty:
            bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
        case 1 where !bytes.isEmpty:
            bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
        case 2:
            bytes.insert(contentsOf: token(), at: random.below(bytes.count + 1))
        case 3 where !bytes.isEmpty:
            let start = random.below(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(16)))
        case 4:
            // Splice: the head of this input and the tail of another.
            let other = corpus[random.below(corpus.count)]
            bytes = Array(bytes.prefix(random.below(bytes.count + 1))) + Array(other.suffix(random.below(other.count + 1)))
        case 5 where !bytes.isEmpty:
            let start = random.below(bytes.count)
            let piece = bytes[start..<min(bytes.count, start + 1 + random.below(64))]
            bytes.insert(contentsOf: piece, at: random.below(bytes.count + 1))
        case 6:
            let depth = 90 + random.below(20)
            let open: UInt8 = random.below(2) == 0 ? UInt8(ascii: "[") : UInt8(ascii: "{")
            bytes = open == UInt8(ascii: "[")
                ? Array(repeating: open, count: depth) + bytes + Array(repeating: UInt8(ascii: "]"), count: depth)
                : Array(String(repeating: "{\"a\":", count: depth).utf8) + bytes + Array(repeating: UInt8(ascii: "}"), count: depth)
        default:
            bytes = mutateJSON(bytes) ?? bytes
        }
        return bytes
    }

    /// Text that often sits on a reader's edge cases.
    private mutating func token() -> [UInt8] {
        let tokens: [[UInt8]] = [
            Array("{".utf8), Array("}".utf8), Array("[".utf8), Array("]".utf8), Array("\"".utf8), Array(",".utf8), Array(":".utf8),
            Array("\\".utf8), Array("\\u".utf8), Array("\\ud800".utf8), Array("\\udc00\\ud800".utf8), Array("\\u0000".utf8),
            Array("1e999".utf8), Array("-1e-999".utf8), Array("-0".utf8), Array("1.7976931348623157e309".utf8),
            Array("123456789012345678901234567890".utf8), Array("0.1e".utf8), Array("01".utf8), Array("9007199254740993".utf8),
            Array("true".utf8), Array("null".utf8), Array("%".utf8), Array("%zz".utf8), Array("%C3%A9".utf8), Array("&".utf8), Array("=".utf8),
            [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x00], [0x7F], [0x0B],
            Array("<html>".utf8), Array("</script>".utf8), Array("\u{FEFF}".utf8), Array("é".utf8), Array("𝄞".utf8),
        ]
        return tokens[random.below(tokens.count)]
    }

    /// Reads the input as JSON and changes one node; nil when it is not JSON.
    private mutating func mutateJSON(_ bytes: [UInt8]) -> [UInt8]? {
        guard let value = try? JSONValue(data: Data(bytes)) else { return nil }
        let changed = mutateNode(value, depth: 0)
        var out = changed.canonicalData()
        // Duplicate keys cannot be made through JSONValue: repeat a member in the text instead.
        if random.below(8) == 0, out.first == UInt8(ascii: "{"), let comma = out.firstIndex(of: UInt8(ascii: ",")), comma > 1 {
            let member = out[1..<comma]
            out.insert(contentsOf: member + [UInt8(ascii: ",")], at: 1)
        }
        return out
    }

    private mutating func mutateNode(_ value: JSONValue, depth: Int) -> JSONValue {
        switch value {
        case .object(var fields) where !fields.isEmpty && random.below(3) != 0:
            let keys = fields.keys.sorted()
            let key = keys[random.below(keys.count)]
            switch random.below(6) {
            case 0: fields[key] = nil
            case 1: fields[key.uppercased() == key ? key + "x" : key.uppercased()] = fields[key]
            default: fields[key] = mutateNode(fields[key] ?? .null, depth: depth + 1)
            }
            return .object(fields)
        case .array(var items) where !items.isEmpty && random.below(3) != 0:
            let i = random.below(items.count)
            switch random.below(5) {
            case 0: items.remove(at: i)
            case 1: items.append(items[i])
            default: items[i] = mutateNode(items[i], depth: depth + 1)
            }
            return .array(items)
        default:
            return replacement(for: value)
        }
    }

    private mutating func replacement(for value: JSONValue) -> JSONValue {
        switch random.below(12) {
        case 0: return .null
        case 1: return .bool(random.below(2) == 0)
        case 2: return .number([0, -0.0, 1e308, -1e-308, .leastNonzeroMagnitude, 9_007_199_254_740_992, 1e21, 1e-7, 0.1, -1][random.below(10)])
        case 3: return .string(String(repeating: "a", count: [0, 1, 64, 65, 1_024, 1_025, 70_000][random.below(7)]))
        case 4: return .string(["", " ", "\u{0}", "é", "\u{FEFF}x", "urn:uuid:x", "mailto:a@b", "http://a", "P1Y", "2026-13-40T25:00:00Z",
                                "6F1C1D2E-0000-4000-8000-000000000001", "en-US", "x-\u{1F600}"][random.below(13)])
        case 5: return .array([value])
        case 6: return .object(["objectType": value])
        case 7:
            var nested = value
            for _ in 0..<(80 + random.below(20)) { nested = .array([nested]) }
            return nested
        case 8: return .array(Array(repeating: value, count: 1 + random.below(40)))
        default:
            if case .string(let s) = value { return .string(s + String(repeating: "é", count: random.below(3))) }
            if case .number(let d) = value { return .number(d * [-1, 10, 1e10, 0.5][random.below(4)]) }
            return value
        }
    }
}
