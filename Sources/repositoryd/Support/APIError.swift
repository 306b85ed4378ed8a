import Foundation
import Hummingbird
import NIOCore
import SyncEngine
import Basics

/// An error answered as `{"error": {"code", "message"}}` with its status.
///
/// ```swift
/// throw APIError(.unauthorized, "unknown_device", "This device is not registered here.")
/// ```
struct APIError: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: String

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    init(_ wire: SyncWireError) {
        self.init(.badRequest, wire.code, wire.description)
    }

    func response() -> Response {
        JSONBody.response(status: status, .object(["error": .object(["code": .string(code), "message": .string(message)])]))
    }
}

/// JSON answers, and request bodies read with a limit.
///
/// ```swift
/// let body = try await JSONBody.collect(request, limit: 16 * 1024)     // 413 body_too_large beyond
/// return JSONBody.response(status: .ok, answer.json)
/// ```
enum JSONBody {
    static func response(status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        response(status: status, bytes: value.canonicalData())
    }

    static func response(status: HTTPResponse.Status, bytes: [UInt8]) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The whole body, at most `limit` bytes (413 beyond).
    static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch {
            throw APIError(.contentTooLarge, "body_too_large", "The request body is larger than \(limit) bytes.")
        }
    }
}
