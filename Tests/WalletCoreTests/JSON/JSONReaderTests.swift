import TestSupport
import Foundation
import Testing
import WalletAPI
import Basics

@Suite("JSON reader")
struct JSONReaderTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONValue(data: Data(text.utf8)) }

    @Test("reads every JSON type", arguments: [
        (#"{"a": [1, -2.5, 3e2, true, false, null, "x"]}"#, JSONValue.object(["a": [1, -2.5, 300, true, false, nil, "x"]])),
        (#" "\u00e9\ud83d\ude00\n\"\\\/" "#, .string("é😀\n\"\\/")),
        ("[]", .array([])),
        ("{}", .object([:])),
        ("0", .number(0)),
        ("-0.0e-0", .number(-0.0)),
        (#""ünïcödé""#, .string("ünïcödé")),
    ])
    func reads(text: String, expected: JSONValue) throws {
        #expect(try parse(text) == expected)
    }

    @Test("refuses what RFC 8259 refuses, and repeated keys", arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "1e", "tru", "nul", "NaN", "Infinity",
        "\"a\nb\"", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "{'a':1}", "{a:1}", "[1] x", "{\"a\":1,\"a\":2}", "1e400",
    ])
    func refuses(text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
    }

    @Test("refuses invalid UTF-8")
    func invalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONValue(data: Data([0x22, 0xC3, 0x28, 0x22])) }
    }

    @Test("bounds nesting, so no body can exhaust the stack")
    func nesting() throws {
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try parse(ok) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try parse(deep) }
    }

    @Test("agrees with Foundation's decoder on random documents, and round-trips through encoding")
    func agreesWithFoundation() throws {
        var rng = SplitMix(seed: 42)
        for _ in 0..<500 {
            let value = randomValue(depth: 0, rng: &rng)
            let data = value.encoded()
            let ours = try JSONValue(data: data)
            let foundations = try JSONDecoder().decode(JSONValue.self, from: data)
            #expect(ours == foundations)
            #expect(ours == value)
        }
    }

    private func randomValue(depth: Int, rng: inout SplitMix) -> JSONValue {
        switch rng.next() % (depth > 4 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(rng.next() % 2 == 0)
        case 2: return .number(Double(Int64(bitPattern: rng.next()) % 1_000_000) / 1000)
        case 3: return .string(String((0..<(rng.next() % 8)).map { _ in "aé\"\\\n😀z/ \u{1}".randomElement(using: &rng) ?? "a" }))
        case 4: return .array((0..<(rng.next() % 5)).map { _ in randomValue(depth: depth + 1, rng: &rng) })
        default:
            var object: [String: JSONValue] = [:]
            for i in 0..<(rng.next() % 5) { object["k\(i)\(rng.next() % 3)"] = randomValue(depth: depth + 1, rng: &rng) }
            return .object(object)
        }
    }
}
