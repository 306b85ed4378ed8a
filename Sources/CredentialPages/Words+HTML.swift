import PageText

/// A catalogue text placed in HTML: the template escaped, then each `{name}` replaced by
/// `html[name]`, which the caller has already made HTML (escaped text, or markup such as a
/// `<span class="did">`). One pass, so a value that itself holds `{…}` (a learner named
/// "{date}") is never filled again.
///
/// ```swift
/// words.html(.exCheckOnline, ["page": "<span class=\"did\">\(HTMLText.escape(page))</span>"])
/// ```
extension Words {
    func html(_ key: TextKey, _ html: [String: String] = [:]) -> String {
        Words.fill(HTMLText.escape(self[key]), html)
    }

    /// The word for a status code a page is given ("valid", "revoked", "suspended"); any other
    /// code as it is (the wallet's own, already in words).
    func statusWord(_ code: String) -> String {
        switch code {
        case "valid": self[.cdWordValid]
        case "revoked": self[.cdWordRevoked]
        case "suspended": self[.cdWordSuspended]
        case "unknown": self[.cdWordUnknown]
        default: code
        }
    }
}
