import Basics
import CurlClient
import Foundation

/// What walletd answered, whatever the status: CurlClient's `HTTPResponse` (the status, the
/// headers with lower-cased names, the raw body). ``WalletdClient/send(_:)`` returns it without
/// judging it; ``checked()`` turns an error status into ``WalletdClientError/answered(status:error:)``.
///
/// ```swift
/// let response = try client.send(Endpoints.getStatements, query: ["statementId": id], token: token)
/// response.status                                          // 200, or 404 for a voided statement
/// response.header(XAPI.consistentThroughHeader)           // xAPI's headers
/// response.errorBody?.error.code                           // .learnerNotFound, … on an error
/// let statement = try response.checked().decoded(as: JSONValue.self)
/// ```
public typealias WalletdResponse = HTTPResponse

/// What walletd's answers offer beyond an HTTP response: the text, the JSON, the error body, a
/// check for success and decoding.
extension HTTPResponse {
    /// The body as UTF-8 text (for messages and logs).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as JSON, or nil when it is empty or not JSON.
    public var json: JSONValue? { try? JSONValue(data: body) }

    /// walletd's error answer, `{"error": {"code": …, "message": …}}`, when the body is one. A code
    /// this build does not know reads as ``ErrorCode/unrecognized``.
    public var errorBody: APIErrorBody? { try? JSONDecoder().decode(APIErrorBody.self, from: body) }

    /// This response when it is a success (2xx); otherwise the error walletd answered.
    public func checked() throws(WalletdClientError) -> WalletdResponse {
        guard isSuccess else { throw .answered(status: status, error: errorBody) }
        return self
    }

    /// The body decoded as `type`: ``NoBody`` needs nothing, `JSONValue` is read by the strict
    /// JSON reader, anything else by `JSONDecoder`.
    public func decoded<Answer: Decodable>(as type: Answer.Type = Answer.self) throws(WalletdClientError) -> Answer {
        try WalletdJSON.decode(type, from: body, status: status)
    }
}
