import Foundation
import Testing
import WalletAPI
import WalletClient
import Basics

/// Attachment data is PC-local in this step (docs/XAPI.md): the statement syncs, its data does
/// not. On the learner's other PC `attachments=true` answers without the part; sending the
/// statement again with its data keeps it there too; `forget` takes the data off the PC.
@Suite("xAPI attachment data across PCs")
struct XAPIAttachmentSyncTests {
    static let manualSync = ["--sync-interval", "86400", "--sync-debounce-ms", "600000"]

    @Test func theStatementSyncsItsDataStaysAndForgetRemovesIt() throws {
        let marker = Array("attachment-marker-\(UUID().uuidString.prefix(8))".utf8)
        let repository = try Repositoryd().start()
        let pc1 = try Walletd(arguments: Self.manualSync).start()
        let pc2 = try Walletd(arguments: Self.manualSync).start()
        try pc1.register(with: repository)
        try pc2.register(with: repository)

        let ana = try pc1.learnerSession(name: "Ana Horvat", pin: "246800")
        let id = UUID().uuidString.lowercased()
        let message = MultipartMessage(statements: XAPIAttachmentAPITests.statement([MultipartMessage.attachment(marker, contentType: "text/plain")], id: id),
                                       parts: [MultipartMessage.part(marker, contentType: "text/plain")])
        #expect(try pc1.client.send(message.request(Endpoints.postStatements, token: ana.token)).status == 200)
        #expect(try pc1.syncNow()["ok"] == true)

        #expect(try pc2.client.send(Endpoints.fetchLearner, body: FetchLearnerRequest(learner: ana.id, pin: "246800")).status == 201)
        #expect(try pc2.syncNow()["ok"] == true)
        let session = try pc2.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800"))
        let pulled = try pc2.client.send(Endpoints.getStatements, query: ["statementId": id, "attachments": "true"], token: session.token)
        #expect(pulled.status == 200, "\(pulled.text)")
        let (statement, parts) = try MultipartMessage.read(pulled)
        #expect(statement["attachments"]?.arrayValue?.first?["sha2"]?.stringValue == MultipartMessage.sha256(marker))
        #expect(parts.isEmpty, "the data did not travel: its part is left out")

        #expect(try pc2.client.send(message.request(Endpoints.postStatements, token: session.token)).status == 200)
        let resent = try pc2.client.send(Endpoints.getStatements, query: ["statementId": id, "attachments": "true"], token: session.token)
        #expect(try MultipartMessage.read(resent).parts[MultipartMessage.sha256(marker)]?.data == marker)

        let forgot = try pc1.client.send(Endpoints.forget, ana.id, body: ForgetRequest(force: true, pin: "246800"), token: ana.token)
        #expect(forgot.status == 200, "\(forgot.text)")
        let holding = try ForgetAndEraseTests.filesHolding(String(decoding: marker, as: UTF8.self), under: pc1.dataDirectory)
        #expect(holding.isEmpty, "\(holding)")
    }
}
