import Foundation
import Hummingbird
import PageText
import WalletAPI
import WalletCore
import WalletPages
import DaemonKit

/// The pages before and around a login: the profiles (`/`), one learner's PIN page (`/login`),
/// logging in and out, a new learner, and the language choice. Logging in goes through the
/// socket's own login (`SessionRoutes.open`): the same PIN check, lock-out and audit.
///
/// ```swift
/// WebLoginRoutes(site: site, sessions: sessionRoutes, learners: learnerRoutes).register(on: router)
/// ```
struct WebLoginRoutes: Sendable {
    let site: WebSite
    let sessions: SessionRoutes
    let learners: LearnerRoutes

    /// A profile page shows this many learners, then "More profiles".
    static let profilesPerPage = 60

    func register(on router: Router<WalletRequestContext>) {
        router.get(RouterPath(WalletPaths.home)) { request, _ in
            await site.page(request) { visitor in
                if visitor.session != nil { return visitor.redirect(WalletPaths.courses) }
                // The same opaque cursor as the socket's learner list; a bad one starts at the first page.
                let after = request.uri.queryParameters.get("after").flatMap { PageQuery.decode(String($0), list: "learners") }
                    .flatMap { key in key.count == 2 ? Int64(key[0]).map { PageKey(ms: $0, id: key[1]) } : nil }
                let page = try site.store.learners(after: after, limit: Self.profilesPerPage)
                let notice: String? = switch request.uri.queryParameters.get("done") {
                case "logout": visitor.words[.loggedOut]
                case "new": visitor.words[.learnerMade]
                default: nil
                }
                let next = page.next.map { WalletPaths.home + "?after=" + Self.query(PageQuery.encode(PageQuery.key($0), list: "learners")) }
                return visitor.html(ProfilesPage.html(learners: page.items.map { .init(id: $0.id, name: $0.name) }, nextPage: next,
                                                      notice: notice, context: visitor.page(path: request.uri.description)))
            }
        }
        router.get(RouterPath(WalletPaths.login)) { request, _ in
            await site.page(request) { visitor in
                guard let id = request.uri.queryParameters.get("learner").map { String($0) }, id.utf8.count <= 128,
                      let learner = try await site.store.learner(id: id.lowercased())
                else { return visitor.redirect(WalletPaths.home) }
                return visitor.html(LoginPage.html(learner: .init(id: learner.id, name: learner.name), error: nil,
                                                   context: visitor.page(path: request.uri.description)))
            }
        }
        router.post(RouterPath(WalletPaths.login)) { request, _ in
            await site.page(request) { visitor in
                let form = try await WebForm.read(request, visitor: visitor, tokens: site.formTokens)
                guard let id = form["learner"], id.utf8.count <= 128, let learner = try await site.store.learner(id: id.lowercased()) else {
                    return visitor.redirect(WalletPaths.home)
                }
                do {
                    let opened = try await sessions.open(learnerID: learner.id, pin: form["pin"] ?? "", caller: nil)
                    return visitor.redirect(WalletPaths.courses, cookies: [WebCookies.set(WebCookies.session, opened.token)])
                } catch let error as APIError where [.wrongPIN, .learnerLocked].contains(error.code) {
                    let page = LoginPage.html(learner: .init(id: learner.id, name: learner.name),
                                              error: WebErrorWords.message(for: error, words: visitor.words),
                                              context: visitor.page(path: WalletPaths.login(learner: learner.id)))
                    var response = visitor.html(page, status: error.status)
                    response.headers.append(contentsOf: error.headers)
                    return response
                }
            }
        }
        router.post(RouterPath(WalletPaths.logout)) { request, _ in
            await site.page(request) { visitor in
                _ = try await WebForm.read(request, visitor: visitor, tokens: site.formTokens)
                if let session = visitor.session { try await sessions.end(session) }
                return visitor.redirect(WalletPaths.home + "?done=logout",
                                        cookies: [WebCookies.clear(WebCookies.session), WebCookies.clear(WebCookies.language)])
            }
        }
        router.get(RouterPath(WalletPaths.newLearner)) { request, _ in
            await site.page(request) { visitor in
                visitor.html(NewLearnerPage.html(name: "", error: nil, minPINLength: LearnerInput.minPINLength,
                                                 context: visitor.page(path: WalletPaths.newLearner)))
            }
        }
        router.post(RouterPath(WalletPaths.newLearner)) { request, _ in
            await site.page(request) { visitor in
                let form = try await WebForm.read(request, visitor: visitor, tokens: site.formTokens)
                let name = form["name"] ?? "", pin = form["pin"] ?? "", again = form["pin2"] ?? ""
                if let problem = Self.problem(name: name, pin: pin, again: again, words: visitor.words) {
                    return visitor.html(NewLearnerPage.html(name: name, error: problem, minPINLength: LearnerInput.minPINLength,
                                                            context: visitor.page(path: WalletPaths.newLearner)), status: .badRequest)
                }
                _ = try await learners.create(CreateLearnerRequest(name: name, pin: pin))
                return visitor.redirect(WalletPaths.home + "?done=new")
            }
        }
        router.post(RouterPath(WalletPaths.language)) { request, _ in
            await site.page(request) { visitor in
                let form = try await WebForm.read(request, visitor: visitor, tokens: site.formTokens)
                let language = PageLanguage(choice: form["language"]) ?? visitor.language
                return visitor.redirect(Self.localPath(form[WalletForm.returnField]),
                                        cookies: [WebCookies.set(WebCookies.language, language.rawValue, maxAgeSeconds: 365 * 86_400)])
            }
        }
    }

    /// The new-learner form's refusals in the page's words, before the store's own checks run.
    static func problem(name: String, pin: String, again: String, words: Words) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return words[.errorNameEmpty] }
        if trimmed.count > LearnerInput.maxNameLength { return words(.errorNameLong, ["max": String(LearnerInput.maxNameLength)]) }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return words[.errorNameCharacters] }
        if pin.count < LearnerInput.minPINLength { return words(.errorPINShort, ["min": String(LearnerInput.minPINLength)]) }
        if pin.utf8.count > LearnerInput.maxPINLength { return words(.errorPINLong, ["max": String(LearnerInput.maxPINLength)]) }
        if pin != again { return words[.errorPINsDiffer] }
        return nil
    }

    /// Only a path of this site is followed back to (never `//host` or a scheme): an open redirect
    /// would let another page send a learner anywhere with the wallet's name on it.
    static func localPath(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
              candidate.utf8.count <= 512, !candidate.unicodeScalars.contains(where: { $0.value < 0x20 })
        else { return WalletPaths.home }
        return candidate
    }

    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
