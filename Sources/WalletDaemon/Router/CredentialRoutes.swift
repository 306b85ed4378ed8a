import SecurityPrimitives
import Credentials
import Foundation
import Hummingbird
import WalletAPI
import WalletCore
import DaemonKit

/// A learner's credentials on this PC and the export they hand an employer. Own session only:
/// a session reaches its own learner's credentials, and the export is signed with the holder key
/// opened at that session's login (`SessionKeyring`), which never leaves walletd's memory.
///
/// - `GET /v1/learners/{id}/credentials`: the list with status as of the cached status lists, a
///   page at a time in the order they arrived (`PageQuery`); each status list read once a page.
/// - `GET /v1/learners/{id}/credentials/{credential}`: one, with the signed JSON.
/// - `POST /v1/learners/{id}/exports`: a signed Verifiable Presentation of exactly the chosen
///   credentials, wrapped with the status lists and trust list needed to check it offline.
/// - `GET /v1/trust`: the trust list this PC holds (public).
struct CredentialRoutes: Sendable {
    let store: WalletStore
    let keyring: SessionKeyring
    let clock: WallClock

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.credentials) { request, context in
            try await list(request, session: context.requireSession())
        }
        routes.on(Endpoints.credential) { request, context in
            // Credential ids are URNs (`urn:uuid:…`): clients percent-encode the colons.
            let raw = try context.parameters.require("credential")
            return try await show(request, session: context.requireSession(), credentialID: raw.removingPercentEncoding ?? raw)
        }
        routes.on(Endpoints.export) { request, context in
            try await export(request, session: context.requireSession())
        }
        routes.on(Endpoints.trust) { _, _ in try trust() }
    }

    func list(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try PageQuery(request, list: "credentials")
        let (items, nextKey) = try listItems(learnerID: session.learnerID, after: try query.afterKey(), limit: query.limit)
        let next = nextKey.map { Endpoints.credentials.path(session.learnerID, query: query.query(after: PageQuery.key($0))) }
        return JSONResponse.make(status: .ok, body: CredentialList(credentials: items, next: next))
    }

    /// A page of the learner's credentials with their status: the socket's list and the wallet page's.
    func listItems(learnerID: String, after: PageKey?, limit: Int) throws -> (items: [CredentialListItem], next: PageKey?) {
        let page = try store.credentials(learnerID: learnerID, after: after, limit: limit)
        // Credentials of one awarding body share a status list: each is read and parsed once.
        var lists: [String: CachedList?] = [:]
        let items = try page.items.map { held in
            let list = try held.statusList.flatMap { url in
                if let cached = lists[url] { return cached }
                let read = try store.statusList(url: url)
                lists[url] = read
                return read
            }
            return held.listItem(statusList: list)
        }
        return (items, page.next)
    }

    func show(_ request: Request, session: AuthenticatedSession, credentialID: String) async throws -> Response {
        let held = try heldCredential(credentialID, learnerID: session.learnerID)
        let item = held.listItem(statusList: try held.statusList.flatMap(store.statusList(url:)))
        return JSONResponse.make(status: .ok, body: CredentialDetail(summary: item, credential: held.json))
    }

    func export(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let input = try await JSONRequestBody.decode(ExportRequest.self, from: request, limit: 64 * 1024)
        let export = try await makeExport(input, session: session)
        return JSONResponse.raw(status: .created, json: Data(export.json.canonicalData()))
    }

    /// Signs a presentation of the chosen credentials with the learner's holder key, with copies of
    /// their status lists and the trust list, and writes the audit line before anything leaves: the
    /// socket's route and the wallet page's download share it.
    func makeExport(_ input: ExportRequest, session: AuthenticatedSession) async throws -> WalletExport {
        guard !input.credentials.isEmpty, input.credentials.count <= ExportRequest.maxCredentials else {
            throw APIError.badRequest("Choose 1 to \(ExportRequest.maxCredentials) credentials to export (`wallet-cli credentials` lists them).", code: .invalidExport)
        }
        for (name, value) in [("challenge", input.challenge), ("domain", input.domain)] {
            if let value, value.isEmpty || value.utf8.count > 512 || value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw APIError.badRequest("The \(name) must be 1 to 512 printable characters, as the employer gave it.", code: .invalidExport)
            }
        }
        guard let key = await keyring.key(session: session.tokenHash) else {
            throw APIError(.unauthorized, .keyLocked, "The holder key is opened at login and walletd restarted since. Log in again (`wallet-cli login`), then export.")
        }
        var chosen: [HeldCredential] = []
        for id in input.credentials where !chosen.contains(where: { $0.id == id }) {
            let held = try heldCredential(id, learnerID: session.learnerID)
            if let problem = held.problem {
                throw APIError(.conflict, .credentialNotVerified, "Credential \(id) did not pass the check when it arrived (\(problem)); it cannot be exported.")
            }
            chosen.append(held)
        }
        let nowMs = clock.nowMs()
        let now = Date(timeIntervalSince1970: Double(nowMs) / 1000)
        let presentationID = "urn:uuid:\(UUID().uuidString.lowercased())"
        let unsigned = Presentation.unsigned(id: presentationID, holder: key.didKey, credentials: chosen.map(\.json))
        let presentation = try DataIntegrity.sign(unsigned, key: key, purpose: .authentication, created: now,
                                                  challenge: input.challenge, domain: input.domain)
        var lists: [WalletExport.StatusListCopy] = []
        for url in Set(chosen.compactMap(\.statusList)).sorted() {
            guard let cached = try store.statusList(url: url) else { continue }
            lists.append(.init(url: url, fetchedAt: Self.date(ms: cached.fetchedMs), credential: cached.json))
        }
        let trust = try store.trustList().map { WalletExport.TrustListCopy(fetchedAt: Self.date(ms: $0.list.fetchedMs), credential: $0.list.json) }
        let export = WalletExport(exportedAt: now, presentation: presentation, statusLists: lists, trustList: trust)
        // Logged before the answer leaves: no export goes out unrecorded.
        try store.appendAudit([AuditEvent(.export, learner: session.learnerID, detail: [
            "presentation": presentationID, "credentials": String(chosen.count), "first_credential": chosen.first?.id ?? "",
        ])], nowMs: nowMs)
        return export
    }

    func trust() throws -> Response {
        guard let held = try store.trustList() else {
            throw APIError(.notFound, .noTrustList, "This PC has not fetched the repository's trust list yet: it comes with the first sync (`wallet-cli sync`).")
        }
        return JSONResponse.make(status: .ok, body: TrustResponse(anchor: held.anchor, version: held.version,
                                                                   fetchedAt: CredentialDate.string(from: Self.date(ms: held.list.fetchedMs)),
                                                                   trustList: held.list.json))
    }

    func heldCredential(_ id: String, learnerID: String) throws -> HeldCredential {
        guard id.utf8.count <= 256, let held = try store.credential(id: id, learnerID: learnerID) else {
            throw APIError(.notFound, .credentialNotFound, "No credential \(id.prefix(80)) in this wallet. `wallet-cli credentials` lists them.")
        }
        return held
    }

    static func date(ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
}
