import Foundation
import Testing
import Basics

@Suite("UTF8Search: byte search agrees with String.contains")
struct UTF8SearchTests {
    @Test func findsMarkersAndNothingElse() {
        #expect(UTF8Search.containsAny(["verbs/passed"], in: #"{"verb":{"id":"http://adlnet.gov/expapi/verbs/passed"}}"#))
        #expect(!UTF8Search.containsAny(["verbs/passed", "\"success\":true"], in: #"{"result":{"success":false}}"#))
        #expect(UTF8Search.containsAny(["x", "é"], in: "café"))
        #expect(!UTF8Search.containsAny(["long needle"], in: "short"))
        #expect(!UTF8Search.containsAny([], in: "anything"))
        #expect(UTF8Search.containsAny([""], in: ""))
    }

    /// Property over random texts of a small alphabet (so matches are common): the byte search
    /// says what the standard library's search says.
    @Test func agreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab\"{}:éeu/")
        func random(_ length: Int) -> String { String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }) }
        for _ in 0..<2_000 {
            let text = random(Int.random(in: 0...40, using: &generator))
            let needles = (0..<Int.random(in: 1...3, using: &generator)).map { _ in random(Int.random(in: 1...4, using: &generator)) }
            let expected = needles.contains { needle in text.utf8.count >= needle.utf8.count && (0...(text.utf8.count - needle.utf8.count)).contains { start in
                Array(text.utf8)[start..<start + needle.utf8.count].elementsEqual(needle.utf8) } }
            #expect(UTF8Search.containsAny(needles, in: text) == expected, "\(needles) in \(text)")
        }
    }
}
