import Basics
import CredentialPages
import Credentials
import Foundation
import Hummingbird
import HTTPTypes
import PageText
import WalletAPI
import WalletCore
import WalletPages
import DaemonKit

/// The pages of a logged-in learner: courses with progress, credentials with their details and
/// export, and sync with conflicts. Each reads only the session's own learner (every store call
/// takes `session.learnerID`), through the same functions the socket's routes use.
///
/// ```swift
/// WebWalletRoutes(site: site, credentials: credentialRoutes, records: recordRoutes, sync: sync).register(on: router)
/// ```
struct WebWalletRoutes: Sendable {
    let site: WebSite
    let credentials: CredentialRoutes
    let records: RecordRoutes
    let sync: SyncService
    /// Lessons (cmi5 assignable units) this PC can start, by the learning outcome they teach.
    let lessons: @Sendable (PageLanguage) throws -> [String: CoursesPage.Lesson]

    static let credentialsPerPage = 50
    static let conflictsShown = 50

    func register(on router: Router<WalletRequestContext>) {
        router.get(RouterPath(WalletPaths.courses)) { request, _ in
            await site.page(request) { visitor in
                let session = try visitor.requireSession()
                let notice = request.uri.queryParameters.get("done") == "lesson" ? visitor.words[.lessonReturned] : nil
                return visitor.html(CoursesPage.html(courses: try await courses(of: session), lessons: try lessons(visitor.language), notice: notice,
                                                     context: visitor.page(.courses, path: WalletPaths.courses)))
            }
        }
        router.get(RouterPath(WalletPaths.credentials)) { request, _ in
            await site.page(request) { visitor in
                let session = try visitor.requireSession()
                let after = request.uri.queryParameters.get("after").flatMap { PageQuery.decode(String($0), list: "credentials") }
                    .flatMap { key in key.count == 2 ? Int64(key[0]).map { PageKey(ms: $0, id: key[1]) } : nil }
                let (items, next) = try credentials.listItems(learnerID: session.learnerID, after: after, limit: Self.credentialsPerPage)
                let nextPage = next.map { WalletPaths.credentials + "?after=" + WebLoginRoutes.query(PageQuery.encode(PageQuery.key($0), list: "credentials")) }
                return visitor.html(CredentialsPage.html(credentials: items, nextPage: nextPage,
                                                         context: visitor.page(.credentials, path: request.uri.description)))
            }
        }
        router.get(RouterPath("\(WalletPaths.credentials)/:credential")) { request, context in
            await site.page(request) { visitor in
                let session = try visitor.requireSession()
                let (held, item) = try credential(context, session: session)
                let summary = try? MicroCredentialSummary(json: held.json)
                return visitor.html(CredentialPage.html(item: item, summary: summary, error: nil,
                                                        context: visitor.page(.credentials, path: WalletPaths.credential(held.id))))
            }
        }
        router.post(RouterPath("\(WalletPaths.credentials)/:credential/export")) { request, context in
            await site.page(request) { visitor in
                let session = try visitor.requireSession()
                let form = try await WebForm.read(request, visitor: visitor, tokens: site.formTokens)
                let (held, item) = try credential(context, session: session)
                let export = try await credentials.makeExport(ExportRequest(credentials: [held.id], challenge: nil, domain: nil), session: session)
                return download(export, item: item, format: CredentialPage.Format(rawValue: form["format"] ?? "") ?? .json, language: visitor.language)
            }
        }
        router.get(RouterPath(WalletPaths.sync)) { request, _ in
            await site.page(request) { visitor in
                let session = try visitor.requireSession()
                let notice: String? = switch request.uri.queryParameters.get("done") {
                case "sync": visitor.words[.syncStarted]
                case "kept": visitor.words[.conflictKept]
                default: nil
                }
                return visitor.html(SyncPage.html(status: try status(of: session), conflicts: try conflicts(of: session), notice: notice,
                                                  context: visitor.page(.sync, path: WalletPaths.sync)))
            }
        }
        router.post(RouterPath(WalletPaths.sync)) { request, _ in
            await site.page(request) { visitor in
                _ = try visitor.requireSession()
                _ = try await WebForm.read(request, visitor: visitor, tokens: site.formTokens)
                if try site.store.syncIdentity().isRegistered { _ = sync.requestRun(retryQuarantined: false) }
                return visitor.redirect(WalletPaths.sync + "?done=sync")
            }
        }
        router.post(RouterPath(WalletPaths.resolve)) { request, _ in
            await site.page(request) { visitor in
                let session = try visitor.requireSession()
                let form = try await WebForm.read(request, visitor: visitor, tokens: site.formTokens)
                guard let key = form["key"], let value = form["value"], let context = form["context"] else {
                    throw APIError.badRequest("The choice is incomplete.", code: .badRequest)
                }
                _ = try records.write(WriteRecordRequest(key: key, value: .string(value), context: context), session: session)
                return visitor.redirect(WalletPaths.sync + "?done=kept")
            }
        }
    }

    func courses(of session: AuthenticatedSession) async throws -> [CourseProgress] {
        guard let held = try site.store.catalog() else { return [] }
        let learnerDID = try await site.store.learner(id: session.learnerID)?.holderKey?.did
        return try site.store.courseProgress(learnerID: session.learnerID, catalog: held.catalog, learnerDID: learnerDID,
                                             assessors: try site.store.registeredAssessors())
    }

    func credential(_ context: WalletRequestContext, session: AuthenticatedSession) throws -> (HeldCredential, CredentialListItem) {
        let raw = try context.parameters.require("credential")
        let held = try credentials.heldCredential(raw.removingPercentEncoding ?? raw, learnerID: session.learnerID)
        return (held, held.listItem(statusList: try held.statusList.flatMap(site.store.statusList(url:))))
    }

    /// The signed export as a file to save (JSON), or as the printable page with its QR codes.
    func download(_ export: WalletExport, item: CredentialListItem, format: CredentialPage.Format, language: PageLanguage = .english) -> Response {
        switch format {
        case .json:
            let name = "credential-" + String(item.id.suffix(12)).filter { $0.isLetter || $0.isNumber || $0 == "-" } + ".json"
            var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store",
                                       .contentDisposition: "attachment; filename=\"\(name)\""]
            WebSecurityHeaders.add(to: &headers)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: export.json.canonicalData())))
        case .html:
            var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
            // The export page carries its own inline style and is made to be saved and printed: it has its own policy.
            for (name, value) in PageSecurityHeaders.fields {
                if let name = HTTPField.Name(name) { headers[name] = value }
            }
            return Response(status: .ok, headers: headers,
                            body: .init(byteBuffer: ByteBuffer(string: ExportPage.html(export: export, statuses: [item.id: item.status], language: language))))
        }
    }

    func status(of session: AuthenticatedSession) throws -> SyncPage.Status {
        let identity = try site.store.syncIdentity()
        let mine = try site.store.pendingCounts().first { $0.learner == session.learnerID }
        let now = site.clock.nowMs()
        return SyncPage.Status(enrolled: identity.isRegistered,
                               lastSuccessAgoSeconds: identity.lastSuccessMs.map { max(0, (now - $0) / 1000) },
                               pending: (mine?.statements ?? 0) + (mine?.records ?? 0),
                               lastError: identity.lastError)
    }

    func conflicts(of session: AuthenticatedSession) throws -> [SyncPage.Conflict] {
        let page = try site.store.records(learnerID: session.learnerID, conflictsOnly: true, after: nil, limit: Self.conflictsShown)
        return page.items.compactMap { record in
            let view = RecordRoutes.view(key: record.key, state: record.state)
            let values = view.values.compactMap(\.stringValue)
            return values.count > 1 ? SyncPage.Conflict(key: view.key, values: values, context: view.context) : nil
        }
    }
}
