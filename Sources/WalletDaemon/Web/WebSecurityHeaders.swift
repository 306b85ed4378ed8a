import HTTPTypes

/// The headers of the wallet's own pages: a CSP that allows the page's own style sheet and
/// nothing else (no script at all, no fetches, no framing, forms only to this origin), no
/// sniffing, no framing for older browsers, no referrer, and no caching (a learner's page must not
/// come back from the cache after logout on a shared PC).
///
/// ```swift
/// var headers = WebSecurityHeaders.page
/// ```
enum WebSecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    static var page: HTTPFields {
        var fields: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
        ]
        add(to: &fields)
        return fields
    }

    static func add(to fields: inout HTTPFields) {
        fields[.contentSecurityPolicy] = contentSecurityPolicy
        fields[.xContentTypeOptions] = "nosniff"
        fields[.xFrameOptions] = "DENY"
        fields[.referrerPolicy] = "no-referrer"
        fields[.crossOriginOpenerPolicy] = "same-origin"
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
}
