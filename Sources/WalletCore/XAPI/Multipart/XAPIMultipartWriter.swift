import Foundation
import Basics

/// Builds the `multipart/mixed` answer to `GET /statements?attachments=true` (Communication
/// 1.5.2, 2.1.3): the statements JSON first, then one part per distinct attachment hash with
/// Content-Type, `Content-Transfer-Encoding: binary` and `X-Experience-API-Hash`. The boundary is
/// chosen so that it occurs in no part; `XAPIMultipartParser` reads the result back unchanged.
///
/// ```swift
/// let message = XAPIMultipartWriter.write(XAPIMultipartBody(statements: result, attachments: parts))
/// response.headers[.contentType] = message.contentType   // multipart/mixed; boundary=xapi-…
/// response.body = message.body
/// ```
public enum XAPIMultipartWriter {
    /// A written message: the Content-Type header to send (with its boundary) and the body.
    public struct Message: Sendable, Equatable {
        public let contentType: String
        public let body: Data
    }

    public static func write(_ message: XAPIMultipartBody) -> Message {
        write(statementsJSON: Array(message.statements.encoded()), attachments: message.attachments)
    }

    /// With the statements' JSON text as the caller has it (e.g. `format=exact` bytes as stored).
    public static func write(statementsJSON: [UInt8], attachments: [XAPIAttachmentPart]) -> Message {
        var seen: Set<String> = []
        let distinct = attachments.filter { seen.insert($0.sha2).inserted }
        let boundary = chooseBoundary(avoiding: [statementsJSON] + distinct.map(\.data))
        let dashBoundary = Array("--\(boundary)".utf8)
        var body: [UInt8] = []
        body.reserveCapacity(statementsJSON.count + distinct.reduce(0) { $0 + $1.data.count + 200 } + 200)
        body += dashBoundary + Array("\r\nContent-Type: application/json\r\n\r\n".utf8)
        body += statementsJSON
        for part in distinct {
            body += Array("\r\n".utf8) + dashBoundary + Array("\r\n".utf8)
            if let contentType = part.contentType {
                body += Array("Content-Type: \(contentType)\r\n".utf8)
            }
            body += Array("Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: \(part.sha2)\r\n\r\n".utf8)
            body += part.data
        }
        body += Array("\r\n".utf8) + dashBoundary + Array("--\r\n".utf8)
        return Message(contentType: "multipart/mixed; boundary=\(boundary)", body: Data(body))
    }

    /// A random token boundary (letters, digits, '-': no quoting needed) found in none of the
    /// parts, so no part can hold a line that starts with it (RFC 2046 5.1.1).
    static func chooseBoundary(avoiding parts: [[UInt8]]) -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let candidate = "xapi-" + Hex.lowercase((0..<12).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let bytes = Array(candidate.utf8)
            if !parts.contains(where: { XAPIMultipartParser.find(bytes, in: $0, from: 0) != nil }) {
                return candidate
            }
        }
    }
}
