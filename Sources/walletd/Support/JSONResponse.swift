import Foundation
import Hummingbird
import NIOCore
import WalletAPI

/// JSON answers. One encoder configuration for the whole daemon: compact, keys sorted (stable
/// output for tests and diffs), slashes unescaped (IRIs stay readable).
enum JSONResponse {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func make(status: HTTPResponse.Status, body: some Encodable, headers: HTTPFields = [:]) -> Response {
        let data = (try? encoder().encode(body)) ?? Data(#"{"error":{"code":"internal_error","message":"could not encode the answer"}}"#.utf8)
        return raw(status: status, json: data, headers: headers)
    }

    static func raw(status: HTTPResponse.Status, json: Data, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }

    /// Parses a request body as `T`, turning every failure into a 400 that says what was wrong.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let buffer = try await request.body.collect(upTo: limit)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch DecodingError.keyNotFound(let key, _) {
            throw APIError.badRequest("The JSON body is missing \"\(key.stringValue)\".", code: "invalid_json")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.badRequest("The JSON body has the wrong type at \"\(path)\".", code: "invalid_json")
        } catch {
            throw APIError.badRequest("The body is not valid JSON.", code: "invalid_json")
        }
    }
}
