import Foundation
import Testing
import Basics
@testable import WalletCore

/// Attachments and parts are matched by sha2 alone (Communication 1.5.2.s1.b4): over random
/// requests with a part dropped or an unnamed part added, the parser accepts exactly when every
/// attachment without a fileUrl has its part and every part belongs to an attachment.
@Suite struct XAPIAttachmentMatchingPropertyTests {
    @Test(arguments: 0..<150) func acceptedExactlyWhenAttachmentsAndPartsMatch(seed: Int) throws {
        var body = XAPIMultipartPropertyTests.body(seed: UInt64(seed))
        var random = RandomStatements(seed: UInt64(seed) &+ 77)
        let declared = body.declaredAttachments
        var expected: XAPIMultipartError?
        if !body.attachments.isEmpty, random.bool() {
            let dropped = body.attachments.remove(at: random.int(0...(body.attachments.count - 1)))
            if let needy = declared.first(where: { $0.sha2 == dropped.sha2 && !$0.hasFileURL }) {
                expected = .missingAttachmentData(path: needy.path, sha2: dropped.sha2)
            }
        }
        if random.bool() {
            let stray = XAPIAttachmentPart(contentType: "text/plain", data: Array("stray \(seed)".utf8))
            body.attachments.insert(stray, at: random.int(0...body.attachments.count))
            // Parts are read before the missing data is looked for: the stray part is found first.
            expected = .unnamedPart(part: (body.attachments.firstIndex(of: stray) ?? 0) + 2, hash: stray.sha2)
        }
        let message = XAPIMultipartWriter.write(body)
        do {
            let parsed = try XAPIMultipartParser.parse(message.body, contentType: message.contentType, limits: XAPIMultipartPropertyTests.limits)
            #expect(expected == nil, "seed \(seed): accepted, expected \(expected.map(\.message) ?? "")")
            #expect(Set(parsed.attachments.map(\.sha2)) == Set(body.attachments.map(\.sha2)), "seed \(seed)")
        } catch {
            #expect(error == expected, "seed \(seed)")
        }
    }

    @Test func aSubStatementsAttachmentIsMatchedLikeTheStatements() throws {
        let part = XAPIAttachmentPart(contentType: "text/plain", data: Array("sub".utf8))
        let sub: JSONValue = ["objectType": "SubStatement", "actor": ["mbox": "mailto:a@example.org"],
                              "verb": ["id": "http://example.org/v"], "object": ["id": "http://example.org/a"],
                              "attachments": [XAPIMultipartPropertyTests.attachmentObject(part, fileUrl: false)]]
        let statement: JSONValue = ["actor": ["mbox": "mailto:a@example.org"], "verb": ["id": "http://example.org/v"], "object": sub]
        let message = XAPIMultipartWriter.write(XAPIMultipartBody(statements: statement, attachments: [part]))
        let parsed = try XAPIMultipartParser.parse(message.body, contentType: message.contentType, limits: XAPIMultipartPropertyTests.limits)
        #expect(parsed.attachments == [part])
        let bare = XAPIMultipartWriter.write(XAPIMultipartBody(statements: statement, attachments: []))
        #expect(throws: XAPIMultipartError.missingAttachmentData(path: "object.attachments[0]", sha2: part.sha2)) {
            try XAPIMultipartParser.parse(bare.body, contentType: bare.contentType, limits: XAPIMultipartPropertyTests.limits)
        }
        #expect(StatementAttachmentHashes.of(statement) == [part.sha2])
    }
}
