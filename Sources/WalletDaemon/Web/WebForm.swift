import CredentialPages
import WalletPages
import Hummingbird
import DaemonKit

/// A submitted form of the wallet page, read within a small bound (`maxBytes`: the largest form is
/// a conflict choice of a 200-character value), with its CSRF token checked before any field is used.
///
/// ```swift
/// let form = try await WebForm.read(request, visitor: visitor, tokens: site.formTokens)
/// let pin = form["pin"] ?? ""
/// ```
struct WebForm: Sendable {
    static let maxBytes = 16 * 1024

    let fields: [String: String]

    subscript(_ name: String) -> String? { fields[name] }

    /// Thrown when the token is missing or wrong: the page answers 403 "reload and try again".
    struct Forged: Error {}

    static func read(_ request: Request, visitor: WebVisitor, tokens: FormToken) async throws -> WebForm {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw APIError(.contentTooLarge, .bodyTooLarge, "The form is larger than \(maxBytes / 1024) KiB.")
        }
        let fields: [String: String]
        do {
            fields = try FormBody.parse(body.readableBytesView)
        } catch {
            throw APIError(.badRequest, .badRequest, "The form could not be read (\(error)).")
        }
        guard tokens.check(fields[WalletForm.tokenField], for: visitor.holder) else { throw Forged() }
        return WebForm(fields: fields)
    }
}
