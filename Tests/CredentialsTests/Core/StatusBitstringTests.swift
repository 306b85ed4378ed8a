import TestSupport
import Credentials
import Foundation
import Testing
import Basics

@Suite struct StatusBitstringTests {
    @Test func setValuesSurviveEncodingAndNothingElseChanges() throws {
        var rng = SplitMix(seed: 131_072)
        for _ in 0..<20 {
            var list = StatusBitstring()
            var expected: [Int: CredentialStatusValue] = [:]
            for _ in 0..<Int.random(in: 0...300, using: &rng) {
                let index = Int.random(in: 0..<list.entries, using: &rng)
                let value = CredentialStatusValue.allCases.randomElement(using: &rng) ?? .valid
                list[index] = value
                expected[index] = value
            }
            let encoded = list.encodedList()
            #expect(encoded.hasPrefix("uH4sI"), "gzip magic 1f 8b in base64url")
            let read = try StatusBitstring(encodedList: encoded)
            #expect(read == list)
            for (index, value) in expected { #expect(read[index] == value) }
            for _ in 0..<200 {
                let index = Int.random(in: 0..<read.entries, using: &rng)
                #expect(read[index] == expected[index] ?? .valid)
            }
        }
    }

    @Test func sizeBitOrderAndBounds() throws {
        var list = StatusBitstring()
        #expect(list.entries == 131_072)
        #expect(list.bytes.count == 32_768)
        list[0] = .revoked            // 0b10 in the two most significant bits of byte 0
        list[3] = .suspended          // 0b01 in the two least significant bits
        #expect(list.bytes[0] == 0b1000_0001)
        #expect(list.status(at: -1) == nil)
        #expect(list.status(at: list.entries) == nil)
        #expect(CredentialStatusValue(bits: 3) == .revoked)
        #expect(list.encodedList().utf8.count < 300, "an empty list compresses to a few hundred bytes")
    }

    @Test func badEncodingsAreRefusedWithAReason() {
        #expect(throws: CredentialError.self) { try StatusBitstring(encodedList: "H4sI") }
        #expect(throws: CredentialError.self) { try StatusBitstring(encodedList: "u!!!") }
        #expect(throws: CredentialError.self) { try StatusBitstring(encodedList: "u" + Base64URL.encode(Array("not gzip".utf8))) }
        // A valid gzip of too few bits.
        let small = StatusBitstringTests.gzipOf(count: 100)
        #expect(throws: CredentialError.self) { try StatusBitstring(encodedList: small) }
    }

    static func gzipOf(count: Int) -> String {
        // 16-bit list built by hand: take a full list's encoding and check only the size rule.
        let full = StatusBitstring().encodedList()
        return count >= 16_384 ? full : "u" + Base64URL.encode([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    }
}
