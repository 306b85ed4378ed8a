import Foundation

/// The credentials of an `Authorization` header: `Bearer TOKEN` (sessions, device tokens), or
/// `Basic` (xAPI clients that only speak Basic: the user is the learner id, the password the
/// token). Scheme names are case-insensitive (RFC 9110); nothing here looks a token up.
///
/// ```swift
/// switch AuthorizationHeader.parse("Bearer abc") {
/// case .bearer(let token): …
/// case .basic(let user, let password): …
/// case .unsupported, .malformed: …
/// }
/// ```
public enum AuthorizationHeader: Equatable, Sendable {
    case bearer(String)
    case basic(user: String, password: String)
    /// A scheme other than Bearer or Basic.
    case unsupported(scheme: String)
    /// No scheme and credentials, or Basic credentials that are not base64 `user:password`.
    case malformed

    public static func parse(_ header: String) -> AuthorizationHeader {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return .malformed }
        let credentials = trimmed(parts[1])
        switch parts[0].lowercased() {
        case "bearer":
            return .bearer(credentials)
        case "basic":
            guard let data = Data(base64Encoded: credentials), let text = String(data: data, encoding: .utf8),
                  let colon = text.firstIndex(of: ":")
            else { return .malformed }
            return .basic(user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
        default:
            return .unsupported(scheme: String(parts[0]))
        }
    }

    /// `trimmingCharacters(in: .whitespaces)`, skipped when neither end can be whitespace: on Linux
    /// Foundation copies the text through UTF-16 for it, which was a visible share of every
    /// authenticated request (the token never has spaces around it).
    static func trimmed(_ text: Substring) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last, !mayBeWhitespace(first), !mayBeWhitespace(last)
        else { return text.trimmingCharacters(in: .whitespaces) }
        return String(text)
    }

    /// Space, tab, or the first byte of a non-ASCII character (which might be Unicode whitespace).
    private static func mayBeWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte >= 0x80
    }
}
