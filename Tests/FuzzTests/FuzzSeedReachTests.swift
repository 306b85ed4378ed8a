import Foundation
import Credentials
import Testing
@testable import FuzzHarness

/// A property is only as good as the inputs that reach it: these check that the committed seeds get
/// past the first refusal, so the fuzzers mutate inputs that reach the deep checks.
@Suite("Fuzz seeds reach the properties")
struct FuzzSeedReachTests {
    static func seeds(_ target: FuzzTarget) -> [(name: String, bytes: [UInt8])] {
        CorpusFiles.named(FuzzReplayTests.corpusRoot + "/" + target.rawValue)
    }

    @Test("the push-pull seeds are statements walletd's POST accepts (the round trip runs)")
    func pushPullSeedsAccepted() throws {
        let seeds = Self.seeds(.pushPull)
        let accepted = try seeds.filter { seed in
            if case .stored = try StatementAcceptance.post(seed.bytes, version: .v2_0_0) { return true }
            return false
        }
        #expect(accepted.count >= seeds.count * 3 / 4, "only \(accepted.count) of \(seeds.count) seeds reach the push and the pull")
    }

    @Test("the generated signed export verifies as valid, so mutations reach every check")
    func signedExportValid() throws {
        let seed = try #require(Self.seeds(.credential).first { $0.name == "gen-signed-export.json" })
        let report = ExportVerifier.verify(data: Data(seed.bytes), options: CredentialProperty.options)
        #expect(report.verdict == .valid, "\(report.lines.filter { $0.outcome == .fail }.map(\.text))")
    }
}
