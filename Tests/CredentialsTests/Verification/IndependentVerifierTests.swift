import CredentialPages
import Credentials
import Foundation
import Testing
import TestSupport

/// Exports made by our code, checked by Tests/tools/independent_verify.py: Python's
/// `cryptography` and `rfc8785`, the OB 3.0 JSON Schema with `jsonschema`, and its own did:key,
/// base58 and status-list decoding — nothing of ours.
@Suite struct IndependentVerifierTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var output: String
    }

    static func python(_ arguments: [String]) throws -> Run {
        let python = packageRoot.appendingPathComponent(".build-py/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw CredentialError.invalid("\(python.path) is missing: run scripts/install-test-tools.sh (make test does)")
        }
        let run = try ProcessRun(executable: python.path,
                                 arguments: [packageRoot.appendingPathComponent("Tests/tools/independent_verify.py").path] + arguments,
                                 directory: packageRoot.path)
        return Run(status: run.status, output: run.output)
    }

    static func write(_ text: String, name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("independent-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    static let common = ["--challenge", "job-4711", "--domain", "jobs.example", "--now", CredentialDate.string(from: ExportFactory.now)]

    @Test func ourExportPassesEveryIndependentCheck() throws {
        var factory = ExportFactory()
        factory.credentialCount = 2
        let made = try factory.make()
        let file = try Self.write(made.export.json.encodedString, name: "export.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try Self.python([file.path] + Self.common + ["--trust-anchor", made.repositoryKey.didKey.did])
        #expect(run.status == 0, "\(run.output)")
        for line in ["PASS presentation proof", "PASS credential 2 proof", "PASS credential 1 OB 3.0 schema", "PASS credential 1 EU elements: all eleven present",
                     "PASS credential 2 status list proof", "PASS credential 1 status: valid", "PASS credential 1 issuer on trust list"] {
            #expect(run.output.contains(line), "\(line) in \(run.output)")
        }
        #expect(!run.output.contains("FAIL"))
        // The printable page carries the same export.
        let page = try Self.write(ExportPage.html(export: made.export, statuses: [:]), name: "export.html")
        #expect(try Self.python([page.path] + Self.common).status == 0)
    }

    /// Issue 11 item 7: a checked name (OB 3.0 `name` and IdentityObject, our `identityVerification`)
    /// keeps the credential valid against the OB 3.0 schema, and the independent check reads it.
    @Test func aCheckedNamePassesTheSchemaAndIsReadIndependently() throws {
        for identity in [nil, try LearnerNameTests.checked()] {
            var factory = ExportFactory()
            factory.identity = identity
            let made = try factory.make()
            let file = try Self.write(made.export.json.encodedString, name: "export.json")
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            let run = try Self.python([file.path] + Self.common + ["--trust-anchor", made.repositoryKey.didKey.did])
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("PASS credential 1 OB 3.0 schema"), "\(run.output)")
            let expected = identity == nil ? "PASS credential 1 identity verification: none; 'Ana Sousa' is self-declared, not checked"
                                           : "PASS credential 1 identity verification: Ana Pereira checked by Bo Berg (\(LearnerNameTests.assessorDID), photo ID)"
            #expect(run.output.contains(expected), "\(run.output)")
        }
    }

    @Test func aTamperedExportFails() throws {
        let made = try ExportFactory().make()
        let text = made.export.json.encodedString
        let changed = text.replacingOccurrences(of: "Ana Sousa", with: "Ana Souza")
        try #require(changed != text)
        let file = try Self.write(changed, name: "tampered.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try Self.python([file.path] + Self.common)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("FAIL presentation proof") && run.output.contains("FAIL credential 1 proof"), "\(run.output)")
        // A wrong challenge fails too.
        let good = try Self.write(text, name: "export.json")
        let wrongChallenge = try Self.python([good.path, "--challenge", "job-1", "--domain", "jobs.example"])
        #expect(wrongChallenge.status == 1 && wrongChallenge.output.contains("FAIL presentation proof"), "\(wrongChallenge.output)")
    }

    @Test func aRevokedCredentialFailsTheIndependentStatusCheck() throws {
        var factory = ExportFactory()
        factory.credentialCount = 3
        factory.statuses = [1: .revoked, 2: .suspended]
        let made = try factory.make()
        let file = try Self.write(made.export.json.encodedString, name: "export.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try Self.python([file.path] + Self.common)
        #expect(run.status == 1)
        #expect(run.output.contains("PASS credential 1 status: valid"), "\(run.output)")
        #expect(run.output.contains("FAIL credential 2 status: revoked (entry 101 = 2)"), "\(run.output)")
        #expect(run.output.contains("FAIL credential 3 status: suspended (entry 102 = 1)"), "\(run.output)")
    }

    @Test func theW3CVectorPassesTheIndependentCheck() throws {
        let folder = try FixtureFiles.url("w3c-eddsa/keyPair.json").deletingLastPathComponent()
        let run = try Self.python(["--vector", folder.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("PASS vector proof") && run.output.contains("PASS vector combined hash"))
    }
}
