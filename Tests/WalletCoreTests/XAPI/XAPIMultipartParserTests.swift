import Foundation
import Testing
import Basics
@testable import WalletCore

/// The xAPI multipart/mixed codec on the spec's own example and on each fault it refuses.
@Suite struct XAPIMultipartParserTests {
    static let limits = XAPIMultipartLimits(maxBodyBytes: 1 << 20, maxParts: 10)
    static let boundary = "b0undary"
    static let contentType = "multipart/mixed; boundary=\(boundary)"
    static let data = Array("hello\r\n--not a boundary\r\n".utf8)
    static var sha2: String { XAPIAttachmentPart(contentType: nil, data: data).sha2 }

    static func statement(sha2: String, fileUrl: String? = nil, contentType: String = "text/plain") -> String {
        let file = fileUrl.map { ", \"fileUrl\": \"\($0)\"" } ?? ""
        return """
        {"actor": {"mbox": "mailto:a@example.com"}, "verb": {"id": "http://example.com/v"}, "object": {"id": "http://example.com/o"}, \
        "attachments": [{"usageType": "http://example.com/u", "display": {"en": "x"}, "contentType": "\(contentType)", "length": 1, "sha2": "\(sha2)"\(file)}]}
        """
    }

    /// A body from parts given as header lines and data, with CRLF framing.
    static func body(_ parts: [(headers: [String], data: [UInt8])], boundary: String = boundary, close: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        for part in parts {
            bytes += Array("--\(boundary)\r\n".utf8)
            for header in part.headers { bytes += Array("\(header)\r\n".utf8) }
            bytes += Array("\r\n".utf8) + part.data + Array("\r\n".utf8)
        }
        if close { bytes += Array("--\(boundary)--\r\n".utf8) }
        return bytes
    }

    static func standard(json: String? = nil, attachmentHeaders: [String]? = nil, data: [UInt8] = data) -> [UInt8] {
        body([
            (["Content-Type: application/json"], Array((json ?? statement(sha2: sha2)).utf8)),
            (attachmentHeaders ?? ["Content-Type: text/plain", "Content-Transfer-Encoding: binary", "X-Experience-API-Hash: \(sha2)"], data),
        ])
    }

    static func refusal(_ bytes: [UInt8], contentType: String = contentType, limits: XAPIMultipartLimits = limits) -> XAPIMultipartError? {
        do {
            _ = try XAPIMultipartParser.parse(bytes, contentType: contentType, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsTheSpecExample() throws {
        let url = try #require(Bundle.module.url(forResource: "spec-example", withExtension: "txt", subdirectory: "Fixtures/xapi-multipart"))
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
        let body = try XAPIMultipartParser.parse(Array(text.utf8), contentType: "multipart/mixed; boundary=\"abcABC0123'()+_,-./:=?\"", limits: Self.limits)
        #expect(body.statements["verb"]?["id"] == "http://adlnet.gov/expapi/verbs/answered")
        #expect(body.attachments.count == 1)
        #expect(body.attachments.first?.sha2 == "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a")
        #expect(body.attachments.first?.data == Array("here is a simple attachment".utf8))
        #expect(body.attachments.first?.contentType == "text/plain")
        // The statement passes the project's validator too: the codec and the rules agree.
        try StatementValidator.validate(body.statements, version: .v2_0_0)
    }

    @Test func readsBoundaryParameters() throws {
        #expect(try MultipartContentType.boundary(from: "multipart/mixed; boundary=\"abcABC0123'()+_,-./:=?\"") == "abcABC0123'()+_,-./:=?")
        #expect(try MultipartContentType.boundary(from: "Multipart/Mixed;charset=utf-8; BOUNDARY=abc") == "abc")
        #expect(throws: XAPIMultipartError.notMultipartMixed(contentType: "application/json")) {
            try MultipartContentType.boundary(from: "application/json")
        }
        #expect(throws: XAPIMultipartError.missingBoundary) { try MultipartContentType.boundary(from: "multipart/mixed") }
        #expect(throws: XAPIMultipartError.missingBoundary) { try MultipartContentType.boundary(from: "multipart/mixed; charset=x") }
        #expect(throws: XAPIMultipartError.duplicateBoundary) { try MultipartContentType.boundary(from: "multipart/mixed; boundary=a; boundary=b") }
        let long = String(repeating: "a", count: 71)
        #expect(throws: XAPIMultipartError.invalidBoundary(long)) { try MultipartContentType.boundary(from: "multipart/mixed; boundary=\(long)") }
        #expect(throws: XAPIMultipartError.invalidBoundary("a ")) { try MultipartContentType.boundary(from: "multipart/mixed; boundary=\"a \"") }
        #expect(throws: XAPIMultipartError.self) { try MultipartContentType.boundary(from: "multipart/mixed; boundary=\"abc") }
    }

    @Test func acceptsAWellFormedBodyWithBinaryData() throws {
        let body = try XAPIMultipartParser.parse(Self.standard(), contentType: Self.contentType, limits: Self.limits)
        #expect(body.attachments == [XAPIAttachmentPart(contentType: "text/plain", data: Self.data)])
    }

    @Test func acceptsAnAttachmentWithFileUrlAndNoPart() throws {
        let json = Self.statement(sha2: String(repeating: "ab", count: 32), fileUrl: "http://example.com/f")
        let bytes = Self.body([(["Content-Type: application/json"], Array(json.utf8))])
        #expect(try XAPIMultipartParser.parse(bytes, contentType: Self.contentType, limits: Self.limits).attachments.isEmpty)
    }

    @Test func keepsOneCopyOfARepeatedPart() throws {
        let headers = ["Content-Type: text/plain", "Content-Transfer-Encoding: binary", "X-Experience-API-Hash: \(Self.sha2)"]
        let bytes = Self.body([
            (["Content-Type: application/json"], Array(Self.statement(sha2: Self.sha2).utf8)),
            (headers, Self.data), (headers, Self.data),
        ])
        #expect(try XAPIMultipartParser.parse(bytes, contentType: Self.contentType, limits: Self.limits).attachments.count == 1)
    }

    @Test func acceptsAMissingTransferEncodingAsBinary() throws {
        let bytes = Self.standard(attachmentHeaders: ["Content-Type: text/plain", "X-Experience-API-Hash: \(Self.sha2)"])
        #expect(try XAPIMultipartParser.parse(bytes, contentType: Self.contentType, limits: Self.limits).attachments.count == 1)
    }

    @Test func refusesSizeAndCount() {
        let bytes = Self.standard()
        let small = XAPIMultipartLimits(maxBodyBytes: 100, maxParts: 10)
        #expect(Self.refusal(bytes, limits: small) == .bodyTooLarge(bytes: bytes.count, limit: 100))
        #expect(Self.refusal(bytes, limits: XAPIMultipartLimits(maxBodyBytes: 1 << 20, maxParts: 1)) == .tooManyParts(limit: 1))
        #expect(Self.refusal(bytes, limits: XAPIMultipartLimits(maxBodyBytes: 1 << 20, maxParts: 1)).map(\.code) == .bodyTooLarge)
    }

    @Test func refusesBrokenFraming() {
        let good = Self.standard()
        let lfOnly = Array(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
        #expect(Self.refusal(lfOnly) == .bareLineFeedAfterBoundary(part: 0))
        #expect(Self.refusal(Array("preamble\n".utf8) + lfOnly) == .noOpeningBoundary)
        #expect(Self.refusal(good, contentType: "multipart/mixed; boundary=other") == .noOpeningBoundary)
        #expect(Self.refusal(Array(good.dropLast(12))) == .missingClosingBoundary)
        #expect(Self.refusal(Array("--\(Self.boundary)--\r\n".utf8)) == .noStatementsPart)
        // A line in a part that starts with the delimiter but goes on: RFC 2046 forbids it.
        let sneaky = Array("x\r\n--\(Self.boundary)X\r\n".utf8)
        let json = Self.statement(sha2: XAPIAttachmentPart(contentType: nil, data: sneaky).sha2)
        let bytes = Self.standard(json: json, attachmentHeaders: ["X-Experience-API-Hash: \(XAPIAttachmentPart(contentType: nil, data: sneaky).sha2)"], data: sneaky)
        #expect(Self.refusal(bytes) == .boundaryPrefixInPart(part: 2))
    }

    @Test func refusesBadHeaders() {
        let hash = "X-Experience-API-Hash: \(Self.sha2)"
        #expect(Self.refusal(Self.standard(attachmentHeaders: ["X-Long: " + String(repeating: "a", count: 1000), hash]))
                == .headerLineTooLong(part: 2, limit: 998))
        #expect(Self.refusal(Self.standard(attachmentHeaders: (0..<17).map { "X-\($0): y" } + [hash]))
                == .tooManyHeaderLines(part: 2, limit: 16))
        #expect(Self.refusal(Self.standard(attachmentHeaders: [hash, " folded"]))?.code == .badRequest)
        if case .malformedHeaderLine(2, _)? = Self.refusal(Self.standard(attachmentHeaders: [hash, " folded"])) {} else { Issue.record("folded header accepted") }
        if case .malformedHeaderLine(2, _)? = Self.refusal(Self.standard(attachmentHeaders: [hash, "NoColon"])) {} else { Issue.record("line without colon accepted") }
        if case .malformedHeaderLine(2, _)? = Self.refusal(Self.standard(attachmentHeaders: [hash, "Bad\nLine: x"])) {} else { Issue.record("bare LF accepted") }
        #expect(Self.refusal(Self.standard(attachmentHeaders: [hash, hash])) == .duplicateHeader(part: 2, name: "x-experience-api-hash"))
        let unterminated = Array("--\(Self.boundary)\r\nContent-Type: application/json\r\n--\(Self.boundary)--".utf8)
        #expect(Self.refusal(unterminated) == .unterminatedHeaders(part: 1))
    }

    @Test func refusesAFirstPartThatIsNotJSON() {
        let text = Self.body([(["Content-Type: text/plain"], Array("{}".utf8))])
        #expect(Self.refusal(text) == .firstPartNotJSON(contentType: "text/plain"))
        let none = Self.body([([], Array("{}".utf8))])
        #expect(Self.refusal(none) == .firstPartNotJSON(contentType: nil))
        let broken = Self.body([(["Content-Type: application/json"], Array("{\"actor\": ".utf8))])
        #expect(Self.refusal(broken)?.code == .invalidJSON)
    }

    @Test func refusesAttachmentPartFaults() {
        let otherHash = String(repeating: "0", count: 64)
        #expect(Self.refusal(Self.standard(attachmentHeaders: ["Content-Type: text/plain"])) == .missingHash(part: 2))
        #expect(Self.refusal(Self.standard(attachmentHeaders: ["X-Experience-API-Hash: xyz"])) == .malformedHash(part: 2, value: "xyz"))
        #expect(Self.refusal(Self.standard(attachmentHeaders: ["X-Experience-API-Hash: \(String(repeating: "a", count: 56))"]))
                == .malformedHash(part: 2, value: String(repeating: "a", count: 56)))
        #expect(Self.refusal(Self.standard(attachmentHeaders: ["Content-Transfer-Encoding: base64", "X-Experience-API-Hash: \(Self.sha2)"]))
                == .unsupportedTransferEncoding(part: 2, value: "base64"))
        #expect(Self.refusal(Self.standard(json: Self.statement(sha2: otherHash), attachmentHeaders: ["X-Experience-API-Hash: \(otherHash)"]))
                == .hashMismatch(part: 2, declared: otherHash, computed: Self.sha2))
        let unnamedJSON = Self.statement(sha2: otherHash, fileUrl: "http://example.com/f")
        #expect(Self.refusal(Self.standard(json: unnamedJSON)) == .unnamedPart(part: 2, hash: Self.sha2))
        #expect(Self.refusal(Self.standard(attachmentHeaders: ["Content-Type: image/png", "X-Experience-API-Hash: \(Self.sha2)"]))
                == .contentTypeMismatch(part: 2, header: "image/png", attachment: "text/plain"))
        let missing = Self.body([(["Content-Type: application/json"], Array(Self.statement(sha2: otherHash).utf8))])
        #expect(Self.refusal(missing) == .missingAttachmentData(path: "attachments[0]", sha2: otherHash))
        #expect(Self.refusal(missing)?.code == .invalidStatement)
    }

    @Test func namesTheStatementOfAMissingAttachmentInABatch() {
        let otherHash = String(repeating: "1", count: 64)
        let batch = "[\(Self.statement(sha2: Self.sha2)), \(Self.statement(sha2: otherHash))]"
        #expect(Self.refusal(Self.standard(json: batch)) == .missingAttachmentData(path: "[1].attachments[0]", sha2: otherHash))
        let result = "{\"statements\": \(batch), \"more\": \"\"}"
        #expect(Self.refusal(Self.standard(json: result)) == .missingAttachmentData(path: "statements[1].attachments[0]", sha2: otherHash))
    }

    @Test func readsAFourMebibytePartWhoseBytesLookLikeFraming() throws {
        let data = (0..<(4 << 20)).map { index -> UInt8 in index % 7 == 0 ? 0x0D : (index % 7 == 1 ? 0x0A : 0x2D) }
        let sha2 = XAPIAttachmentPart(contentType: nil, data: data).sha2
        let bytes = Self.standard(json: Self.statement(sha2: sha2), attachmentHeaders: ["X-Experience-API-Hash: \(sha2)"], data: data)
        let limits = XAPIMultipartLimits(maxBodyBytes: 5 << 20, maxParts: 2)
        #expect(try XAPIMultipartParser.parse(bytes, contentType: Self.contentType, limits: limits).attachments.first?.data == data)
    }

    @Test func acceptsUppercaseHashesAndSHA512() throws {
        let upper = Self.standard(attachmentHeaders: ["X-Experience-API-Hash: \(Self.sha2.uppercased())"])
        #expect(try XAPIMultipartParser.parse(upper, contentType: Self.contentType, limits: Self.limits).attachments.first?.sha2 == Self.sha2)
        // SHA-512 of the empty string (FIPS 180-4 test value).
        let empty512 = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        let bytes = Self.standard(json: Self.statement(sha2: empty512), attachmentHeaders: ["X-Experience-API-Hash: \(empty512)"], data: [])
        #expect(try XAPIMultipartParser.parse(bytes, contentType: Self.contentType, limits: Self.limits).attachments.first?.data == [])
    }

    @Test func everyMessageSaysWhatToDo() {
        let samples: [XAPIMultipartError] = [.missingBoundary, .noOpeningBoundary, .missingHash(part: 2),
                                             .hashMismatch(part: 2, declared: "a", computed: "b"),
                                             .missingAttachmentData(path: "[0].attachments[1]", sha2: "ab")]
        for error in samples {
            #expect(error.message.count > 40)
            #expect(error.description == error.message)
        }
    }
}
