import TestSupport
import Credentials
import Foundation
import Testing

@Suite struct CredentialDateTests {
    @Test func writesUTCAndReadsOffsets() {
        #expect(CredentialDate.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(CredentialDate.parse("2026-11-22T11:00:00+01:00") == CredentialDate.parse("2026-11-22T10:00:00Z"))
        #expect(CredentialDate.parse("2026-11-22T10:00:00.500Z")?.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) == 0.5)
        for bad in ["2026-11-22", "2026-11-22T10:00:00", "2026-13-01T00:00:00Z", "2026-11-22T10:00:00+0100", "x"] {
            #expect(CredentialDate.parse(bad) == nil, "\(bad)")
        }
        var rng = SplitMix(seed: 8601)
        for _ in 0..<1_000 {
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &rng)))
            #expect(CredentialDate.parse(CredentialDate.string(from: date)) == date)
        }
    }
}
