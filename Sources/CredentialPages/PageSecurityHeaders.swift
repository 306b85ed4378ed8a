import Crypto
import Foundation

/// The response headers every page the repository serves carries: a Content-Security-Policy that
/// allows the page's own inline CSS and its one script (by hash) and nothing else (no other
/// script, no fetches, no plugins, no framing, forms only to this site), plus `nosniff`, no
/// framing for older browsers, and no referrer (a verification link names a credential).
///
/// ```swift
/// for (name, value) in PageSecurityHeaders.fields { headers[HTTPField.Name(name)!] = value }
/// ```
public enum PageSecurityHeaders {
    public static let fields: [(name: String, value: String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
    ]

    public static let contentSecurityPolicy: String = {
        let scriptHash = Data(SHA256.hash(data: Data(VerifyPage.fileReaderScript.utf8))).base64EncodedString()
        return "default-src 'none'; script-src 'sha256-\(scriptHash)'; style-src 'unsafe-inline'; img-src data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }()
}
