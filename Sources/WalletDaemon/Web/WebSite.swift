import Foundation
import Hummingbird
import HTTPTypes
import Logging
import PageText
import SecurityPrimitives
import WalletCore
import WalletPages
import DaemonKit

/// What every page handler of the wallet page shares: the store, the session check (the socket's
/// own, fed from the cookie), the form tokens, and the one place an error becomes a page in the
/// visitor's language.
///
/// ```swift
/// let site = WebSite(store: store, authenticator: authenticator, clock: clock, logger: logger)
/// router.get("/courses") { request, context in try await site.page(request, context) { visitor in … } }
/// ```
struct WebSite: Sendable {
    let store: WalletStore
    let authenticator: SessionAuthenticator
    let clock: WallClock
    let logger: Logger
    let formTokens = FormToken()

    /// Reads the cookies: the session when it is live (a stale one is cleared), the browser's own
    /// value (made on the first visit), the chosen language or else `Accept-Language`.
    func visitor(_ request: Request) async -> WebVisitor {
        let cookieHeader = request.headers[values: .cookie].joined(separator: "; ")
        var cookies: [String] = []
        var session: AuthenticatedSession?
        if let text = WebCookies.value(named: WebCookies.session, in: cookieHeader) {
            do {
                session = try await authenticator.authenticate(token: SessionToken(text: text), caller: { nil })
            } catch {
                cookies.append(WebCookies.clear(WebCookies.session))
            }
        }
        var browser = WebCookies.value(named: WebCookies.browser, in: cookieHeader) ?? ""
        if browser.utf8.count < 32 {
            browser = SessionToken.generate().text
            cookies.append(WebCookies.set(WebCookies.browser, browser))
        }
        let language = PageLanguage.negotiate(choice: WebCookies.value(named: WebCookies.language, in: cookieHeader),
                                              acceptLanguage: request.headers[.acceptLanguage])
        var visitor = WebVisitor(session: session, browser: browser, language: language, formToken: "", cookies: cookies)
        visitor.formToken = formTokens.token(for: visitor.holder)
        return visitor
    }

    /// Runs a page handler and turns what it throws into an answer: a redirect, a refused form
    /// (403, "reload"), or an error page in the visitor's language with the API error's status.
    func page(_ request: Request, path: String? = nil, _ handler: (WebVisitor) async throws -> Response) async -> Response {
        let visitor = await visitor(request)
        do {
            return try await handler(visitor)
        } catch let redirect as WebRedirect {
            return visitor.redirect(redirect.to)
        } catch is WebForm.Forged {
            return errorPage(visitor, status: .forbidden, message: visitor.words[.errorFormExpired])
        } catch let error as APIError {
            return errorPage(visitor, status: error.status, message: WebErrorWords.message(for: error, words: visitor.words))
        } catch let error where WalletStore.storageFault(of: error) != nil {
            return errorPage(visitor, status: .serviceUnavailable, message: visitor.words[.errorStorage])
        } catch {
            logger.error("wallet page failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return errorPage(visitor, status: .internalServerError, message: visitor.words(.errorGeneric, ["detail": "internal error"]))
        }
    }

    func errorPage(_ visitor: WebVisitor, status: HTTPResponse.Status, message: String) -> Response {
        let context = visitor.page(path: WalletPaths.home)
        return visitor.html(MessagePage.html(title: visitor.words[.errorTitle], message: message, context: context), status: status)
    }
}
