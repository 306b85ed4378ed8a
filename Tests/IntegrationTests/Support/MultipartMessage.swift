import Crypto
import Foundation
import Basics
import WalletAPI
import WalletClient

/// `multipart/mixed` statement requests built byte by byte as xAPI Communication 1.5.2 shows
/// them, and answers split the same way: the tests' own side of the format, sharing no code
/// with walletd's parser and writer.
struct MultipartMessage {
    struct Part {
        var headers: [String: String]
        var data: [UInt8]
    }

    var boundary = "xapi-test-boundary-7f3e"
    var statements: JSONValue
    var parts: [Part] = []

    var contentType: String { "multipart/mixed; boundary=\(boundary)" }

    var body: Data {
        var bytes = Array("--\(boundary)\r\nContent-Type: application/json\r\n\r\n".utf8) + Array(statements.encoded())
        for part in parts {
            bytes += Array("\r\n--\(boundary)\r\n".utf8)
            for (name, value) in part.headers.sorted(by: { $0.key < $1.key }) { bytes += Array("\(name): \(value)\r\n".utf8) }
            bytes += Array("\r\n".utf8) + part.data
        }
        return Data(bytes + Array("\r\n--\(boundary)--\r\n".utf8))
    }

    static func sha256(_ data: [UInt8]) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A part as a client sends it: Content-Type, binary, and the hash of `data` (or `hash`).
    static func part(_ data: [UInt8], contentType: String = "application/octet-stream", hash: String? = nil) -> Part {
        Part(headers: ["Content-Type": contentType, "Content-Transfer-Encoding": "binary",
                       "X-Experience-API-Hash": hash ?? sha256(data)], data: data)
    }

    /// The attachment object naming `data`.
    static func attachment(_ data: [UInt8], contentType: String = "application/octet-stream",
                           usageType: String = "http://example.org/attachment/evidence", fileUrl: String? = nil) -> JSONValue {
        var fields: [String: JSONValue] = ["usageType": .string(usageType), "display": ["en-US": "evidence"],
                                           "contentType": .string(contentType), "length": .number(Double(data.count)),
                                           "sha2": .string(sha256(data))]
        if let fileUrl { fields["fileUrl"] = .string(fileUrl) }
        return .object(fields)
    }

    /// The request for `endpoint` with this message as its body.
    func request<B, A>(_ endpoint: Endpoint<B, A>, query: [String: String] = [:], token: String) -> WalletdRequest {
        var request = WalletdRequest(endpoint, query: query, body: body, token: token)
        request.headers["Content-Type"] = contentType
        return request
    }

    /// Splits an answer: the first part's JSON and the attachment parts by their hash header.
    static func read(_ response: WalletdResponse) throws -> (json: JSONValue, parts: [String: Part]) {
        guard let type = response.header("Content-Type"), type.hasPrefix("multipart/mixed"),
              let boundary = type.components(separatedBy: "boundary=").last?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) else {
            throw HarnessError("not a multipart answer: \(response.header("Content-Type") ?? "no Content-Type")")
        }
        let delimiter = Array("\r\n--\(boundary)".utf8)
        let bytes = Array("\r\n".utf8) + [UInt8](response.body)
        var pieces: [[UInt8]] = []
        var start = 0, index = 0
        while index + delimiter.count <= bytes.count {
            if Array(bytes[index..<(index + delimiter.count)]) == delimiter {
                pieces.append(Array(bytes[start..<index]))
                index += delimiter.count
                start = index
            } else {
                index += 1
            }
        }
        // pieces[0] is the empty preamble; each later piece starts with CRLF (or "--" at the end).
        var json: JSONValue = .null
        var parts: [String: Part] = [:]
        for piece in pieces.dropFirst() {
            guard let split = find(Array("\r\n\r\n".utf8), in: piece) else { continue }
            let headerText = String(decoding: piece[2..<split], as: UTF8.self)
            var headers: [String: String] = [:]
            for line in headerText.components(separatedBy: "\r\n") {
                let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2 { headers[pair[0].lowercased()] = pair[1] }
            }
            let data = Array(piece[(split + 4)...])
            if let hash = headers["x-experience-api-hash"] {
                parts[hash] = Part(headers: headers, data: data)
            } else {
                json = try JSONValue(data: Data(data))
            }
        }
        return (json, parts)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
