import Foundation
import Testing
@testable import DaemonKit

/// `AuthorizationHeader.parse` trims the credentials like `trimmingCharacters(in: .whitespaces)`,
/// whether it takes its fast path (no end can be whitespace) or not.
@Suite("Authorization header")
struct AuthorizationHeaderTests {
    @Test func bearerTokensWithAndWithoutSurroundingWhitespace() {
        #expect(AuthorizationHeader.parse("Bearer abc") == .bearer("abc"))
        #expect(AuthorizationHeader.parse("bearer  abc \t") == .bearer("abc"))
        // U+00A0 and U+3000 are Unicode whitespace (category Zs): trimmed as before.
        #expect(AuthorizationHeader.parse("Bearer \u{00A0}abc\u{3000}") == .bearer("abc"))
        // Non-ASCII inside or at an end that is not whitespace stays.
        #expect(AuthorizationHeader.parse("Bearer é-tok-é") == .bearer("é-tok-é"))
        #expect(AuthorizationHeader.parse("Bearer") == .malformed)
    }

    @Test func basicCredentialsAndOtherSchemes() {
        let encoded = Data("ana:secret".utf8).base64EncodedString()
        #expect(AuthorizationHeader.parse("Basic \(encoded) ") == .basic(user: "ana", password: "secret"))
        #expect(AuthorizationHeader.parse("Digest x") == .unsupported(scheme: "Digest"))
    }

    @Test func theFastPathAgreesWithFoundation() {
        for text in ["abc", " abc", "abc\t", "\u{2003}abc", "ab c", "é", "\u{00A0}", "a\u{00A0}", "x\u{1680}"] {
            #expect(AuthorizationHeader.trimmed(Substring(text)) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }
}
