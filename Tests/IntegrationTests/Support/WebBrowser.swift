import CurlClient
import Foundation

/// A minimal browser for the wallet page in tests: keeps the cookies walletd sets, sends them back,
/// and reads the form token out of a page. Requests go over libcurl to the real listener.
final class WebBrowser {
    let base: String
    var cookies: [String: String] = [:]
    let connection = CurlConnection()

    init(base: String) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    struct Page {
        var status: Int
        var headers: [String: String]
        var text: String

        /// The value of the first `form_token` field on the page.
        var formToken: String? { Page.field("form_token", in: text) }

        static func field(_ name: String, in text: String) -> String? {
            guard let range = text.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    @discardableResult
    func get(_ path: String, host: String? = nil) throws -> Page {
        try send(.get, path, body: nil, host: host)
    }

    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], host: String? = nil) throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try send(.post, path, body: body, host: host)
    }

    func send(_ method: HTTPMethod, _ path: String, body: String?, host: String?) throws -> Page {
        var headers: [String: String] = [:]
        if !cookies.isEmpty { headers["Cookie"] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { headers["Content-Type"] = "application/x-www-form-urlencoded" }
        if let host { headers["Host"] = host }
        let response = try connection.perform(HTTPRequest(method: method, url: base + path, headers: headers, body: body.map { Data($0.utf8) }))
        if let setCookie = response.header("set-cookie") { remember(setCookie) }
        return Page(status: response.status, headers: response.headers, text: String(decoding: response.body, as: UTF8.self))
    }

    /// Reads `name=value` pairs out of (joined) Set-Cookie headers; `Max-Age=0` removes the cookie.
    func remember(_ header: String) {
        for name in ["wallet_session", "wallet_browser", "wallet_language"] {
            guard let range = header.range(of: name + "=") else { continue }
            let rest = header[range.upperBound...]
            let value = String(rest.prefix { $0 != ";" && $0 != "," })
            let attributes = rest.prefix { $0 != "," }
            if value.isEmpty || attributes.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ""
    }
}

extension Walletd {
    /// The wallet page's address, once walletd (started with `--http 127.0.0.1:0`) wrote it.
    func webAddress() throws -> String {
        let file = dataDirectory + "/web-address"
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: file, encoding: .utf8), text.hasSuffix("\n") {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            usleep(50_000)
        }
        throw HarnessError("walletd wrote no web-address in \(dataDirectory)")
    }
}
