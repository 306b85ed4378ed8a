import Basics
import Foundation
import Hummingbird

/// Request bodies, always read with a byte limit, and decoded into a type with a 400 that says
/// what was wrong.
///
/// ```swift
/// let input = try await JSONRequestBody.decode(CreateLearnerRequest.self, from: request, limit: 64 * 1024)
/// let bytes = try await JSONRequestBody.collect(request, limit: 16 * 1024)   // 413 body_too_large beyond
/// ```
public enum JSONRequestBody {
    /// The whole body, at most `limit` bytes (413 beyond).
    public static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        Array(try await buffer(request, limit: limit).readableBytesView)
    }

    private static func buffer(_ request: Request, limit: Int) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, .bodyTooLarge, "The request body is larger than \(limit) bytes.")
        }
    }

    /// Parses a request body as `T`, turning every failure into a 400 `invalid_json` that names
    /// the missing or mistyped field.
    public static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let body = try await buffer(request, limit: limit)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: body))
        } catch DecodingError.keyNotFound(let key, _) {
            throw APIError.badRequest("The JSON body is missing \"\(key.stringValue)\".", code: .invalidJSON)
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.badRequest("The JSON body has the wrong type at \"\(path)\".", code: .invalidJSON)
        } catch {
            throw APIError.badRequest("The body is not valid JSON.", code: .invalidJSON)
        }
    }
}
