import Foundation
import Testing
import Basics
@testable import WalletCore

/// Write → parse over random statements and attachment data (bytes that hold CRLF, "--" and
/// boundary-like runs), and a single changed byte in any part's data caught by the hash check.
@Suite struct XAPIMultipartPropertyTests {
    static let limits = XAPIMultipartLimits(maxBodyBytes: 8 << 20, maxParts: 64)

    /// Random bytes, with pieces of multipart framing spliced in so the parser meets them.
    static func data(_ random: inout RandomStatements) -> [UInt8] {
        let tricky: [[UInt8]] = [Array("\r\n".utf8), Array("--".utf8), Array("\r\n--".utf8), Array("\r\n--xapi-".utf8),
                                 Array("\r\n\r\n".utf8), Array("--xapi-00\r\n".utf8), [0x0D], [0x0A], [0x00, 0xFF]]
        var bytes: [UInt8] = []
        for _ in 0..<random.int(0...12) {
            if random.bool() {
                bytes += random.pick(tricky)
            } else {
                bytes += (0..<random.int(0...40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            }
        }
        return bytes
    }

    static func attachmentObject(_ part: XAPIAttachmentPart, fileUrl: Bool) -> JSONValue {
        var fields: [String: JSONValue] = [
            "usageType": "http://example.com/usage", "display": ["en": "file"],
            "contentType": .string(part.contentType ?? "application/octet-stream"),
            "length": .number(Double(part.data.count)), "sha2": .string(part.sha2),
        ]
        if fileUrl { fields["fileUrl"] = "http://example.com/files/1" }
        return .object(fields)
    }

    /// Statements (one, an array, or a StatementResult) whose attachments name every part and
    /// some data-less fileUrl attachments.
    static func body(seed: UInt64) -> XAPIMultipartBody {
        var random = RandomStatements(seed: seed)
        let types = ["text/plain", "image/png", "application/octet-stream", "application/pdf"]
        var parts: [XAPIAttachmentPart] = []
        var seen: Set<String> = []
        for _ in 0..<random.int(0...5) {
            let part = XAPIAttachmentPart(contentType: random.pick(types), data: data(&random))
            if seen.insert(part.sha2).inserted { parts.append(part) }
        }
        var statements: [JSONValue] = (0..<random.int(1...3)).map { _ in random.statement() }
        for (index, part) in parts.enumerated() {
            let target = index % statements.count
            guard case .object(var fields) = statements[target] else { continue }
            fields["attachments"] = .array((fields["attachments"]?.arrayValue ?? []) + [attachmentObject(part, fileUrl: random.bool())])
            statements[target] = .object(fields)
        }
        if random.bool(), case .object(var fields) = statements[0] {
            let remote = XAPIAttachmentPart(contentType: "text/plain", data: Array("elsewhere \(seed)".utf8))
            fields["attachments"] = .array((fields["attachments"]?.arrayValue ?? []) + [attachmentObject(remote, fileUrl: true)])
            statements[0] = .object(fields)
        }
        let json: JSONValue = switch random.int(0...2) {
        case 0 where statements.count == 1: statements[0]
        case 1: ["statements": .array(statements), "more": ""]
        default: .array(statements)
        }
        return XAPIMultipartBody(statements: json, attachments: parts)
    }

    @Test(arguments: 0..<200) func writeThenParseGivesTheSameBody(seed: Int) throws {
        let original = Self.body(seed: UInt64(seed))
        let message = XAPIMultipartWriter.write(original)
        let parsed = try XAPIMultipartParser.parse(message.body, contentType: message.contentType, limits: Self.limits)
        #expect(parsed == original, "seed \(seed)")
    }

    @Test(arguments: 0..<200) func aChangedByteInAnyPartIsCaught(seed: Int) throws {
        let original = Self.body(seed: UInt64(seed))
        let message = XAPIMultipartWriter.write(original)
        var bytes = [UInt8](message.body)
        var random = RandomStatements(seed: UInt64(seed) &+ 1_000_003)
        for (index, part) in original.attachments.enumerated() where !part.data.isEmpty {
            let header = Array("X-Experience-API-Hash: \(part.sha2)\r\n\r\n".utf8)
            let start = try #require(XAPIMultipartParser.find(header, in: bytes, from: 0)) + header.count
            let offset = start + random.int(0...(part.data.count - 1))
            let original = bytes[offset]
            bytes[offset] ^= UInt8(random.int(1...255))
            #expect(throws: XAPIMultipartError.self, "seed \(seed)") {
                try XAPIMultipartParser.parse(bytes, contentType: message.contentType, limits: Self.limits)
            }
            do {
                _ = try XAPIMultipartParser.parse(bytes, contentType: message.contentType, limits: Self.limits)
            } catch {
                #expect(error == .hashMismatch(part: index + 2, declared: part.sha2, computed: error.computedHash ?? ""), "seed \(seed)")
            }
            bytes[offset] = original
        }
    }

    @Test func theWriterSendsOnePartPerHash() throws {
        let part = XAPIAttachmentPart(contentType: "text/plain", data: Array("same".utf8))
        let statement: JSONValue = ["attachments": .array([Self.attachmentObject(part, fileUrl: false)])]
        let message = XAPIMultipartWriter.write(XAPIMultipartBody(statements: statement, attachments: [part, part]))
        let text = String(decoding: message.body, as: UTF8.self)
        #expect(text.components(separatedBy: "X-Experience-API-Hash: \(part.sha2)").count == 2)
        #expect(text.contains("Content-Transfer-Encoding: binary\r\n"))
        #expect(try MultipartContentType.boundary(from: message.contentType).hasPrefix("xapi-"))
    }
}

extension XAPIMultipartError {
    /// The hash a mismatch found, so a test can compare the rest of the case exactly.
    var computedHash: String? {
        if case .hashMismatch(_, _, let computed) = self { return computed }
        return nil
    }
}
