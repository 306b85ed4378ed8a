import Foundation
import Testing
import WalletAPI
import Basics

@Suite("RFC 8785 canonical JSON")
struct JSONCanonicalTests {
    private func text(_ value: JSONValue) -> String { String(decoding: value.canonicalData(), as: UTF8.self) }

    // Number samples from RFC 8785 §3.2.2.3 and Appendix B, and ECMAScript's thresholds.
    @Test("numbers print as ECMAScript prints them", arguments: [
        (0.0, "0"), (-0.0, "0"), (3.0, "3"), (-3.0, "-3"), (4.5, "4.5"), (0.002, "0.002"), (1e-6, "0.000001"),
        (1e-7, "1e-7"), (1e21, "1e+21"), (1e20, "100000000000000000000"), (1e30, "1e+30"),
        (333333333.33333329, "333333333.3333333"), (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        (9007199254740992.0, "9007199254740992"), (295147905179352830000.0, "295147905179352830000"),
        (-1.5e-9, "-1.5e-9"), (0.1, "0.1"), (123.456, "123.456"),
    ])
    func numbers(value: Double, expected: String) {
        #expect(text(.number(value)) == expected)
    }

    @Test("keys sort by UTF-16 code units and strings escape minimally")
    func keysAndStrings() {
        // UTF-16 code-unit order: U+20AC (€) before U+1F600 (😀, the surrogates D83D DE00).
        let value: JSONValue = ["\u{20ac}": "Euro", "\r": "cr", "1": "one", "\u{1f600}": "smiley", "\u{80}": "ctl", "\u{00f6}": "o"]
        #expect(text(value) == "{\"\\r\":\"cr\",\"1\":\"one\",\"\u{80}\":\"ctl\",\"ö\":\"o\",\"€\":\"Euro\",\"😀\":\"smiley\"}")
        #expect(text(.string("a\"b\\c/\u{1}\u{1f}é")) == "\"a\\\"b\\\\c/\\u0001\\u001fé\"")
    }

    @Test("canonical text parses back to the same value")
    func roundTrip() throws {
        let value: JSONValue = ["z": [1, 2.5, nil, true], "a": ["nested": "x\ny"], "m": -0.25]
        #expect(try JSONValue(data: value.encoded()) == value)
        #expect(text(value) == #"{"a":{"nested":"x\ny"},"m":-0.25,"z":[1,2.5,null,true]}"#)
    }
}
