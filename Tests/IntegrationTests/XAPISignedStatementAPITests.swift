import Foundation
import Testing
import WalletAPI
import WalletClient
import Basics

/// Signed statements (xAPI Data 2.6) through the real walletd, signed by an independent signer
/// (Tests/tools/xapi_sign.py, Python `cryptography`): a well-formed signature is stored and its
/// JWS comes back with `attachments=true`; a tampered payload, a forbidden algorithm, a
/// signature that does not verify with its x5c certificate and a malformed JWS are refused with
/// 400, and walletd keeps serving.
@Suite("xAPI signed statements over the socket")
struct XAPISignedStatementAPITests {
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The JWS the independent signer makes over `statement` in `mode`.
    static func sign(_ statement: JSONValue, mode: String) throws -> [UInt8] {
        let python = packageRoot + "/.build-py/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw HarnessError("no \(python): run scripts/install-test-tools.sh (make test does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [packageRoot + "/Tests/tools/xapi_sign.py", mode]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(statement.encoded())
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HarnessError("xapi_sign.py \(mode) failed") }
        return Array(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
    }

    /// `statement` with a signature attachment carrying `jws`, as a multipart request.
    static func signed(_ statement: JSONValue, jws: [UInt8]) -> MultipartMessage {
        guard case .object(var fields) = statement else { return MultipartMessage(statements: statement) }
        fields["attachments"] = [MultipartMessage.attachment(jws, usageType: "http://adlnet.gov/expapi/attachments/signature")]
        return MultipartMessage(statements: .object(fields), parts: [MultipartMessage.part(jws)])
    }

    @Test("valid signatures are stored; tampered, HS256, none, wrong certificate and malformed JWS are refused")
    func signatures() throws {
        let daemon = try Walletd().start()
        let (_, token) = try daemon.learnerSession()
        let client = daemon.client

        for mode in ["rs256-x5c", "rs512-x5c", "rs256"] {
            let statement = Sample.statement(verb: "passed")
            let jws = try Self.sign(statement, mode: mode)
            let answer = try client.send(Self.signed(statement, jws: jws).request(Endpoints.postStatements, token: token))
            #expect(answer.status == 200, "\(mode): \(answer.text)")
            let id = statement["id"]?.stringValue ?? ""
            let fetched = try client.send(Endpoints.getStatements, query: ["statementId": id, "attachments": "true"], token: token)
            #expect(try MultipartMessage.read(fetched).parts[MultipartMessage.sha256(jws)]?.data == jws, "\(mode)")
        }

        let statement = Sample.statement(verb: "passed")
        var tampered = statement
        if case .object(var fields) = tampered { fields["verb"] = ["id": "http://adlnet.gov/expapi/verbs/failed"]; tampered = .object(fields) }
        var refusals: [(String, MultipartMessage)] = [
            ("a statement changed after signing", Self.signed(tampered, jws: try Self.sign(statement, mode: "rs256-x5c"))),
            ("HS256", Self.signed(statement, jws: try Self.sign(statement, mode: "hs256"))),
            ("alg none", Self.signed(statement, jws: try Self.sign(statement, mode: "none"))),
            ("x5c of another key", Self.signed(statement, jws: try Self.sign(statement, mode: "wrong-x5c"))),
            ("not a JWS", Self.signed(statement, jws: Array("this is not a JWS".utf8))),
            ("a JWS whose payload is not JSON", Self.signed(statement, jws: Array("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln".utf8))),
        ]
        var wrongType = Self.signed(statement, jws: try Self.sign(statement, mode: "rs256"))
        if case .object(var fields) = wrongType.statements, case .object(var attachment)? = fields["attachments"]?.arrayValue?.first {
            attachment["contentType"] = "text/plain"
            wrongType.parts[0].headers["Content-Type"] = "text/plain"
            fields["attachments"] = [.object(attachment)]
            wrongType.statements = .object(fields)
        }
        refusals.append(("a signature attachment that is not application/octet-stream", wrongType))
        for (what, message) in refusals {
            let answer = try client.send(message.request(Endpoints.postStatements, token: token))
            #expect(answer.status == 400, "\(what): \(answer.text)")
            #expect(answer.errorBody?.error.code == .invalidStatement, "\(what): \(answer.text)")
            #expect(try daemon.client.send(Endpoints.health).status == 200, "after \(what)")
        }
        let id = statement["id"]?.stringValue ?? ""
        #expect(try client.send(Endpoints.getStatements, query: ["statementId": id], token: token).status == 404)
    }
}
