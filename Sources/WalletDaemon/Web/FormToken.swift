import Crypto
import Basics
import Foundation

/// The CSRF token every form of the wallet page carries: an HMAC, under a key made at each start
/// of walletd, of what the browser already holds in an `HttpOnly` cookie (the session token's
/// hash once logged in, the browser's random value before). Another site can make a browser send
/// a form, but cannot read the page to learn the token; a form from before a restart or from
/// another session is refused with "reload the page".
///
/// ```swift
/// let tokens = FormToken()
/// let token = tokens.token(for: .session(hash))
/// tokens.check(token, for: .session(hash))   // true
/// ```
struct FormToken: Sendable {
    enum Holder: Sendable {
        case session(String)
        case browser(String)

        var message: String {
            switch self {
            case .session(let hash): "session:" + hash
            case .browser(let value): "browser:" + value
            }
        }
    }

    private let key = SymmetricKey(size: .bits256)

    func token(for holder: Holder) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(holder.message.utf8), using: key)
        return Base64URL.encode(Data(mac))
    }

    /// Constant-time comparison of the presented token with the expected one.
    func check(_ presented: String?, for holder: Holder) -> Bool {
        guard let presented else { return false }
        let expected = Array(token(for: holder).utf8)
        let given = Array(presented.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ given[index] }
        return difference == 0
    }
}
