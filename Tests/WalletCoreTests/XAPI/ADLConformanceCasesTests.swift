import Foundation
import Testing
import WalletAPI
import Basics
@testable import WalletCore

/// Runs the ADL LRS conformance suite's statement cases (pinned in Fixtures/xapi-adl-cases, see
/// PROVENANCE.md there) through the validator: a case expecting 200 must validate, a case
/// expecting 400 must be refused.
@Suite("ADL conformance statement cases")
struct ADLConformanceCasesTests {
    /// One resolved case of the suite.
    struct Case: Decodable, Sendable {
        let source: String
        let group: String
        let name: String
        let requirements: [String]
        let method: String
        let path: String
        let expect: [Int]
        let statement: JSONValue
    }

    /// Cases whose expected status depends on something other than the statement body (the
    /// request, or statements stored before), keyed by "source | name", with the reason. The
    /// validator alone cannot decide them; the statement resource tests cover them instead.
    static let notDecidableFromBody: [String: String] = [:]

    static func load(_ file: String) throws -> [Case] {
        let url = try #require(
            Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Fixtures/xapi-adl-cases"),
            "fixture \(file).json is missing from the test bundle")
        return try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }

    struct Outcome {
        var passed = 0
        var skipped: [String] = []
        var failures: [String] = []
    }

    static func run(_ cases: [Case], version: XAPISpecVersion) -> Outcome {
        var outcome = Outcome()
        for item in cases {
            let key = "\(item.source.split(separator: "/").last ?? "") | \(item.name)"
            if notDecidableFromBody[key] != nil {
                outcome.skipped.append(key)
                continue
            }
            let expectValid = item.expect.contains(200)
            var error: StatementValidationError?
            do {
                try StatementValidator.validate(item.statement, version: version)
            } catch let caught {
                error = caught
            }
            switch (expectValid, error) {
            case (true, nil), (false, _?):
                outcome.passed += 1
            case (true, let error?):
                outcome.failures.append("\(key): expected 200, refused with \(error.message)")
            case (false, nil):
                outcome.failures.append("\(key): expected 400, accepted  [\(item.group)]")
            }
        }
        return outcome
    }

    @Test("every xAPI 2.0 case about the statement body gets the expected answer")
    func version2_0() throws {
        let cases = try Self.load("adl-v2_0-templated-cases")
        #expect(cases.count == 972)
        let outcome = Self.run(cases, version: .v2_0_0)
        for failure in outcome.failures { Issue.record(Comment(rawValue: failure)) }
        print("ADL v2.0: \(outcome.passed)/\(cases.count) passed, \(outcome.skipped.count) not decidable from the body")
        #expect(outcome.passed + outcome.skipped.count == cases.count)
    }

    @Test("every xAPI 1.0.3 case about the statement body gets the expected answer")
    func version1_0_3() throws {
        let cases = try Self.load("adl-v1_0_3-templated-cases")
        #expect(cases.count == 950)
        let outcome = Self.run(cases, version: .v1_0_3)
        for failure in outcome.failures { Issue.record(Comment(rawValue: failure)) }
        print("ADL v1.0.3: \(outcome.passed)/\(cases.count) passed, \(outcome.skipped.count) not decidable from the body")
        #expect(outcome.passed + outcome.skipped.count == cases.count)
    }
}
