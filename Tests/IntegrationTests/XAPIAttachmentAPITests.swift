import Foundation
import Testing
import WalletAPI
import WalletClient
import Basics

/// Issue 13 item 4: statements with attachment data (xAPI Communication 1.5.2) through the real
/// walletd: multipart/mixed in, multipart/mixed out with `attachments=true`, and every kind of
/// mismatch refused while the daemon keeps serving.
@Suite("xAPI attachments over the socket")
struct XAPIAttachmentAPITests {
    static let text = Array("here is a simple attachment\r\n--not a boundary\r\n".utf8)
    static let binary: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x2D, 0x2D, 0x0D, 0x0A]

    /// A statement naming `attachments`.
    static func statement(_ attachments: [JSONValue], id: String = UUID().uuidString.lowercased()) -> JSONValue {
        guard case .object(var fields) = Sample.statement(id: id) else { return .null }
        fields["attachments"] = .array(attachments)
        return .object(fields)
    }

    static func twoAttachments(id: String = UUID().uuidString.lowercased()) -> MultipartMessage {
        MultipartMessage(statements: statement([MultipartMessage.attachment(text, contentType: "text/plain"),
                                                MultipartMessage.attachment(binary, contentType: "image/png")], id: id),
                         parts: [MultipartMessage.part(text, contentType: "text/plain"), MultipartMessage.part(binary, contentType: "image/png")])
    }

    @Test("POST with two attachments, then GET attachments=true gives the bytes back; PUT multipart is 204")
    func roundTrip() throws {
        let daemon = try Walletd().start()
        let (_, token) = try daemon.learnerSession()
        let client = daemon.client
        let id = UUID().uuidString.lowercased()
        let posted = try client.send(Self.twoAttachments(id: id).request(Endpoints.postStatements, token: token))
        #expect(posted.status == 200, "\(posted.text)")
        #expect(posted.json == [.string(id)])

        let single = try client.send(Endpoints.getStatements, query: ["statementId": id, "attachments": "true"], token: token)
        #expect(single.status == 200)
        #expect(single.header(XAPI.consistentThroughHeader) != nil)
        let (statement, parts) = try MultipartMessage.read(single)
        #expect(statement["id"]?.stringValue == id)
        #expect(parts[MultipartMessage.sha256(Self.text)]?.data == Self.text)
        #expect(parts[MultipartMessage.sha256(Self.binary)]?.data == Self.binary)
        #expect(parts[MultipartMessage.sha256(Self.binary)]?.headers["content-type"] == "image/png")

        let page = try client.send(Endpoints.getStatements, query: ["attachments": "true", "limit": "10"], token: token)
        let (result, pageParts) = try MultipartMessage.read(page)
        #expect(result["statements"]?.arrayValue?.count == 1)
        #expect(Set(pageParts.keys) == [MultipartMessage.sha256(Self.text), MultipartMessage.sha256(Self.binary)])

        let plain = try client.send(Endpoints.getStatements, query: ["statementId": id], token: token)
        #expect(plain.header("Content-Type")?.hasPrefix("application/json") == true)
        #expect(plain.json?["id"]?.stringValue == id)

        let putID = UUID().uuidString.lowercased()
        let put = try client.send(Self.twoAttachments(id: putID).request(Endpoints.putStatement, query: ["statementId": putID], token: token))
        #expect(put.status == 204, "\(put.text)")
        #expect(put.header(XAPI.consistentThroughHeader) != nil)
        let again = try client.send(Self.twoAttachments(id: putID).request(Endpoints.putStatement, query: ["statementId": putID], token: token))
        #expect(again.status == 204, "the same statement and data again change nothing")

        // An attachment given by fileUrl has no part in the answer (a pulled one: XAPIAttachmentSyncTests).
        let elsewhere = Array("kept on another PC".utf8)
        let remote = Self.statement([MultipartMessage.attachment(elsewhere, fileUrl: "https://example.org/f")])
        #expect(try client.send(Endpoints.postStatements, body: remote, token: token).status == 200)
        let remoteID = remote["id"]?.stringValue ?? ""
        let withoutData = try client.send(Endpoints.getStatements, query: ["statementId": remoteID, "attachments": "true"], token: token)
        #expect(withoutData.status == 200)
        #expect(try MultipartMessage.read(withoutData).parts.isEmpty)
    }

    @Test("sha2 mismatch, missing part, extra part, JSON without fileUrl, too large: refused, and walletd keeps serving")
    func refusals() throws {
        let daemon = try Walletd().start()
        let (_, token) = try daemon.learnerSession()
        let client = daemon.client
        var cases: [(String, MultipartMessage?, JSONValue?, Int, ErrorCode)] = []

        var mismatch = Self.twoAttachments()
        mismatch.parts[0].data = Array("here is another attachment".utf8)
        cases.append(("a part whose bytes do not hash to its header", mismatch, nil, 400, .badRequest))
        var wrongHash = Self.twoAttachments()
        wrongHash.parts[1] = MultipartMessage.part(Self.binary, contentType: "image/png", hash: MultipartMessage.sha256(Self.text + [1]))
        cases.append(("a part whose hash header is the digest of other bytes", wrongHash, nil, 400, .badRequest))
        var missing = Self.twoAttachments()
        missing.parts.removeLast()
        cases.append(("an attachment without fileUrl and without its part", missing, nil, 400, .invalidStatement))
        var extra = Self.twoAttachments()
        extra.parts.append(MultipartMessage.part(Array("nobody's".utf8)))
        cases.append(("a part no attachment names", extra, nil, 400, .badRequest))
        let huge = [UInt8](repeating: 0x41, count: (8 << 20) + 1)
        cases.append(("an attachment over 8 MiB", MultipartMessage(statements: Self.statement([MultipartMessage.attachment(huge)]),
                                                                    parts: [MultipartMessage.part(huge)]), nil, 413, .bodyTooLarge))
        let parts = (0..<3).map { [UInt8](repeating: UInt8($0), count: 6 << 20) }
        cases.append(("a request over 16 MiB", MultipartMessage(statements: Self.statement(parts.map { MultipartMessage.attachment($0) }),
                                                                 parts: parts.map { MultipartMessage.part($0) }), nil, 413, .bodyTooLarge))
        cases.append(("JSON with an attachment lacking fileUrl", nil, Self.statement([MultipartMessage.attachment(Self.text)]), 400, .invalidStatement))

        for (what, message, json, status, code) in cases {
            let answer = try message.map { try client.send($0.request(Endpoints.postStatements, token: token)) }
                ?? client.send(Endpoints.postStatements, body: json ?? .null, token: token)
            #expect(answer.status == status, "\(what): \(answer.text)")
            #expect(answer.errorBody?.error.code == code, "\(what): \(answer.text)")
            #expect((answer.errorBody?.error.message.count ?? 0) > 20, "\(what): a message a person can act on")
            #expect(answer.header(XAPI.consistentThroughHeader) != nil, "\(what)")
            #expect(try daemon.client.send(Endpoints.health).status == 200, "after \(what)")
        }
        let listed = try client.call(Endpoints.getStatements, token: token)["statements"]?.arrayValue ?? []
        #expect(listed.isEmpty, "nothing of a refused request is stored")
    }
}
