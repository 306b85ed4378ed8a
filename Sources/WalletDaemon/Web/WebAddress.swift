/// Where the wallet page listens: a loopback address only (`127.0.0.1:PORT`, `localhost:PORT` or
/// `[::1]:PORT`), or `off`. Every local account can reach a loopback port, so the page's own
/// defences (cookie sessions, form tokens, the Host check) matter; the address never leaves the PC.
///
/// ```swift
/// let address = try WebAddress.parse("127.0.0.1:7480")   // .listen(host: "127.0.0.1", port: 7480)
/// try WebAddress.parse("off")                               // nil
/// ```
struct WebAddress: Sendable, Equatable {
    var host: String
    /// 0 picks a free port; the chosen one is logged and written to `web-address` in the data folder.
    var port: Int

    static let defaultValue = "127.0.0.1:7480"

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws(Invalid) -> WebAddress? {
        if text == "off" { return nil }
        let host: Substring, portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw Invalid(description: "--http \(text): give the port too, e.g. [::1]:7480.") }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw Invalid(description: "--http \(text): give host and port, e.g. 127.0.0.1:7480, or `off`.") }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard ["127.0.0.1", "localhost", "::1"].contains(host) else {
            throw Invalid(description: "--http \(text): the wallet page listens on this PC's loopback only (127.0.0.1, localhost or [::1]), never on the network.")
        }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw Invalid(description: "--http \(text): the port must be a number from 0 to 65535.")
        }
        return WebAddress(host: host == "localhost" ? "127.0.0.1" : String(host), port: port)
    }

    /// The `Host` header values a browser sends to this listener (DNS rebinding sends any other name).
    func acceptedHosts(boundPort: Int) -> Set<String> {
        var hosts: Set<String> = ["127.0.0.1:\(boundPort)", "localhost:\(boundPort)"]
        if host == "::1" { hosts = ["[::1]:\(boundPort)", "localhost:\(boundPort)"] }
        return hosts
    }

    /// The address to type into a browser.
    func url(boundPort: Int) -> String {
        host == "::1" ? "http://[::1]:\(boundPort)/" : "http://127.0.0.1:\(boundPort)/"
    }
}
