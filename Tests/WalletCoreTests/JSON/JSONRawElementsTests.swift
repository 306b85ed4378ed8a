import Foundation
import Testing
import WalletAPI
import Basics

/// `JSONValue.parse(_:keepingRawElementsOf:)`: the same strict parse, plus the exact text of each
/// element of one top-level array, which sync passes on without writing it again.
@Suite("Raw elements of a top-level array")
struct JSONRawElementsTests {
    @Test func keepsTheExactTextOfEachElement() throws {
        let body = #"{"format":1, "statements": [ {"b":2,"a":"x y"} ,{"id":"\u00e9"}, 3 ], "other": [{"z":1}]}"#
        let (value, raw) = try JSONValue.parse(Array(body.utf8), keepingRawElementsOf: "statements")
        #expect(raw == [#"{"b":2,"a":"x y"}"#, #"{"id":"\u00e9"}"#, "3"])
        #expect(value == (try JSONValue(data: Data(body.utf8))), "the parsed value is the ordinary one")
    }

    @Test func onlyTheTopLevelMemberIsCaptured() throws {
        let (_, raw) = try JSONValue.parse(Array(#"{"inner":{"statements":[1,2]}}"#.utf8), keepingRawElementsOf: "statements")
        #expect(raw.isEmpty)
    }

    @Test func refusesWhatTheStrictReaderRefuses() {
        #expect(throws: JSONParseError.self) { _ = try JSONValue.parse(Array(#"{"statements":[{"a":1,"a":2}]}"#.utf8), keepingRawElementsOf: "statements") }
        #expect(throws: JSONParseError.self) { _ = try JSONValue.parse(Array(#"{"statements":[1,]}"#.utf8), keepingRawElementsOf: "statements") }
    }
}
