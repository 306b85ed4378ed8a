/// The cookies of the wallet page. The session cookie holds the session token: `HttpOnly` (no
/// script reads it), `SameSite=Strict` (no other site's page sends it), `Path=/`, and no
/// `Max-Age` (it ends with the browser; the session itself ends after its idle and absolute
/// limits, checked by walletd on every request).
///
/// ```swift
/// let token = WebCookies.value(named: WebCookies.session, in: request.headers[.cookie])
/// response.headers[.setCookie] = WebCookies.set(WebCookies.session, token.text)
/// ```
enum WebCookies {
    static let session = "wallet_session"
    /// A random value per browser for the forms shown before login (profile, PIN, new learner).
    static let browser = "wallet_browser"
    /// The language the person chose on this browser.
    static let language = "wallet_language"

    static func set(_ name: String, _ value: String, maxAgeSeconds: Int? = nil) -> String {
        "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict" + (maxAgeSeconds.map { "; Max-Age=\($0)" } ?? "")
    }

    static func clear(_ name: String) -> String {
        "\(name)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
    }

    /// The value of the first cookie called `name`; bounded (a header is read for 64 cookies).
    static func value(named name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";", omittingEmptySubsequences: true).prefix(64) {
            let trimmed = pair.drop(while: { $0 == " " })
            guard let equals = trimmed.firstIndex(of: "=") else { continue }
            if trimmed[..<equals] == name {
                let value = trimmed[trimmed.index(after: equals)...]
                return value.isEmpty || value.utf8.count > 256 ? nil : String(value)
            }
        }
        return nil
    }
}
