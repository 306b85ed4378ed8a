import Basics
import Foundation
import Hummingbird
import NIOCore

/// JSON answers. One encoder configuration for both daemons: compact, keys sorted (stable output
/// for tests and diffs), slashes unescaped (IRIs stay readable). A `JSONValue` answer is written
/// canonically (RFC 8785), and stored JSON texts are copied in as they are (``raw(status:json:headers:)``).
///
/// ```swift
/// return JSONResponse.make(status: .ok, body: LearnerList(learners: learners))
/// return JSONResponse.value(status: .ok, answer.json)
/// ```
public enum JSONResponse {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func make(status: HTTPResponse.Status, body: some Encodable, headers: HTTPFields = [:]) -> Response {
        let data = (try? encoder().encode(body)) ?? Data(#"{"error":{"code":"internal_error","message":"could not encode the answer"}}"#.utf8)
        return raw(status: status, json: data, headers: headers)
    }

    public static func value(status: HTTPResponse.Status, _ value: JSONValue, headers: HTTPFields = [:]) -> Response {
        raw(status: status, bytes: value.canonicalData(), headers: headers)
    }

    public static func raw(status: HTTPResponse.Status, json: Data, headers: HTTPFields = [:]) -> Response {
        response(status: status, body: ByteBuffer(bytes: json), headers: headers)
    }

    public static func raw(status: HTTPResponse.Status, bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        response(status: status, body: ByteBuffer(bytes: bytes), headers: headers)
    }

    /// The body goes into the buffer once, whichever form the caller holds it in.
    private static func response(status: HTTPResponse.Status, body: ByteBuffer, headers: HTTPFields) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}
