import Basics
import Foundation
import Testing
import TestSupport
import WalletAPI
@testable import RepositoryDaemon

/// Both daemons' OpenAPI documents are valid OpenAPI 3.1, by a validator that is not ours
/// (Python's `openapi-spec-validator`, installed into .build-py by scripts/install-test-tools.sh).
@Suite("OpenAPI documents")
struct OpenAPIDocumentTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Failure: Error, CustomStringConvertible { var description: String }

    static func validate(_ document: JSONValue, name: String) throws -> (status: Int32, output: String) {
        let python = packageRoot.appendingPathComponent(".build-py/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Failure(description: "\(python.path) is missing: run scripts/install-test-tools.sh (make test does)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(name)-\(UUID().uuidString.prefix(8)).json")
        try Data(document.canonicalData()).write(to: file)
        let run = try ProcessRun(executable: python.path, arguments: [
            "-c", "import json, sys; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1]))); print('valid')", file.path,
        ])
        return (run.status, run.output)
    }

    @Test func walletdsDocumentIsValidOpenAPI() throws {
        let run = try Self.validate(WalletAPIDocument.make(), name: "walletd")
        #expect(run.status == 0, "\(run.output)")
    }

    /// Issue 13 item 4: the statements resource takes and answers multipart/mixed beside JSON.
    @Test func theStatementsResourceListsMultipart() {
        let statements = WalletAPIDocument.make()["paths"]?["/xapi/statements"]
        for method in ["post", "put"] {
            let content = statements?[method]?["requestBody"]?["content"]
            #expect(content?["application/json"] != nil, "\(method)")
            #expect(content?["multipart/mixed"] != nil, "\(method)")
        }
        let answer = statements?["get"]?["responses"]?["200"]?["content"]
        #expect(answer?["application/json"] != nil)
        #expect(answer?["multipart/mixed"] != nil)
    }

    @Test func repositorydsDocumentIsValidOpenAPI() throws {
        let run = try Self.validate(RepositoryAPIDocument.make(), name: "repositoryd")
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func aBrokenDocumentIsRefused() throws {
        // The check can fail: a parameter must say where it is (`in`), and `info` is required.
        let broken: JSONValue = ["openapi": "3.1.0", "paths": ["/x/{id}": ["get": ["parameters": [["name": "id"]]]]]]
        #expect(try Self.validate(broken, name: "broken").status != 0)
    }
}
