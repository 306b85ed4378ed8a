import Foundation

/// The answer to an `HTTPRequest`.
///
/// Header names are lower-cased; a header sent more than once has its values joined with ", ".
/// Only the headers of the final response are kept (not those of a `100 Continue`).
///
/// ```swift
/// let response = try connection.perform(HTTPRequest(url: "http://localhost/v1/health"))
/// if response.isSuccess, response.headers["content-type"]?.hasPrefix("application/json") == true {
///     let health = try JSONDecoder().decode(HealthResponse.self, from: response.body)
/// }
/// ```
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    /// Empty when the body was streamed to a callback (see `CurlConnection.perform(_:onBody:)`).
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A header's value by case-insensitive name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// True for 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}
