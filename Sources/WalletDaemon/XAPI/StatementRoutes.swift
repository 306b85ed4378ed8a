import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import WalletAPI
import WalletCore
import Basics
import DaemonKit

/// The xAPI Statement API on `/xapi`: `POST`/`PUT`/`GET`(/`HEAD`) `/xapi/statements` and
/// `GET /xapi/about`.
///
/// Where a request enters: here. Where it is validated: `StatementValidator` (statements) and
/// `StatementQueryParameters` (GET). Where it is stored: `WalletStore.insertStatements`.
/// Bodies are JSON or `multipart/mixed` with attachment data (`StatementRequestBody`); a GET
/// with `attachments=true` answers multipart/mixed (`StatementRoutes+Attachments`).
/// Every statement written with a session belongs to that session's learner, and every read is
/// scoped to that learner, whatever the statement's actor says. Launched cmi5 content (a cmi5
/// token) reads only the statements of its launch's registration.
struct StatementRoutes: Sendable {
    let store: WalletStore
    let clock: WallClock
    let maxBodyBytes: Int
    /// Bounds of `multipart/mixed` requests (attachment data).
    var attachmentLimits: XAPIAttachmentLimits = .standard
    /// Tells the background sync that there is something new to push.
    var onChange: @Sendable () -> Void = {}

    /// - Parameter routes: routes behind `XAPIVersionMiddleware`, so that every answer, errors
    ///   included, carries the version header.
    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.xapiAbout) { _, _ in about() }
        routes.on(Endpoints.xapiAboutHead) { _, _ in about() }
        routes.on(Endpoints.postStatements) { request, context in try await post(request, session: context.requireSession()) }
        routes.on(Endpoints.putStatement) { request, context in try await put(request, session: context.requireSession()) }
        routes.on(Endpoints.getStatements) { request, context in try await get(request, session: context.requireSession()) }
        routes.on(Endpoints.headStatements) { request, context in try await get(request, session: context.requireSession()).withoutBody() }
    }

    func about() -> Response {
        JSONResponse.make(status: .ok, body: ["version": ["2.0.0", "1.0.3"]] as [String: [String]])
    }

    // MARK: write

    func post(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let version = Self.version(of: request)
        let parameters = Self.queryParameters(request)
        guard parameters.isEmpty else {
            throw APIError(.badRequest, .invalidParameter, "POST /statements takes no parameters (found \(parameters.map(\.0).joined(separator: ", "))).")
        }
        let received = try await StatementRequestBody.read(request, jsonLimit: maxBodyBytes, limits: attachmentLimits)
        let body = received.statements
        let batch: [JSONValue]
        switch body {
        case .array(let items):
            guard !items.isEmpty else { throw APIError.badRequest("The statement array is empty.", code: .invalidStatement) }
            batch = items
        case .object:
            batch = [body]
        default:
            throw APIError.badRequest("The body must be a statement object or an array of statements.", code: .invalidStatement)
        }
        let prepared = try Self.validate(batch, version: version, attachments: received)
        let ids = try await write(prepared, session: session, version: version, attachments: received.attachments)
        return JSONResponse.raw(status: .ok, json: JSONValue.array(ids.map(JSONValue.string)).encoded())
    }

    func put(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let version = Self.version(of: request)
        let parameters = Self.queryParameters(request)
        guard let id = parameters.first(where: { $0.0 == "statementId" })?.1 else {
            throw APIError(.badRequest, .invalidParameter, "PUT /statements needs ?statementId=UUID.")
        }
        guard parameters.count == 1 else {
            throw APIError(.badRequest, .invalidParameter, "PUT /statements takes only statementId.")
        }
        guard UUID(uuidString: id) != nil else {
            throw APIError(.badRequest, .invalidParameter, "statementId must be a UUID.")
        }
        let body = try await StatementRequestBody.read(request, jsonLimit: maxBodyBytes, limits: attachmentLimits)
        var statement = body.statements
        guard case .object(var fields) = statement else {
            throw APIError.badRequest("PUT /statements takes one statement object.", code: .invalidStatement)
        }
        if let bodyID = fields["id"] {
            guard bodyID.stringValue?.lowercased() == id.lowercased() else {
                throw APIError.badRequest("The statement's id differs from statementId.", code: .invalidStatement)
            }
        } else {
            fields["id"] = .string(id.lowercased())
            statement = .object(fields)
        }
        let prepared = try Self.validate([statement], version: version, attachments: body)
        _ = try await write(prepared, session: session, version: version, attachments: body.attachments)
        return Response(status: .noContent)
    }

    private func write(_ statements: [JSONValue], session: AuthenticatedSession, version: XAPISpecVersion,
                       attachments: [XAPIAttachmentPart]) async throws -> [String] {
        let storedVersion = version == .v1_0_3 ? "1.0.3" : XAPI.currentVersion
        do {
            let ids: [String]
            if let launchSession = session.cmi5SessionID {
                // Launched content: the cmi5 rules decide in the transaction that stores them.
                ids = try await store.insertCmi5Statements(statements, sessionID: launchSession, authority: session.authority,
                                                           version: storedVersion, nowMs: clock.nowMs(), attachments: attachments)
            } else {
                ids = try await store.insertStatements(statements, learnerID: session.learnerID, authority: session.authority,
                                                       version: storedVersion, nowMs: clock.nowMs(), attachments: attachments)
            }
            onChange()
            return ids
        } catch let refusal as Cmi5Refusal {
            throw refusal.apiError(batchSize: statements.count)
        } catch StatementWriteError.conflict(let id) {
            throw APIError(.conflict, .statementConflict, "Statement \(id) is already stored with different content. Statements are immutable: send a new statement with a new id (or void the old one).")
        } catch StatementWriteError.beyondLimits(let position, let problem) {
            // Refused here, not at sync: the repository and the learner's other PCs could never take it.
            let which = statements.count > 1 ? "Statement \(position + 1) of \(statements.count): " : ""
            throw APIError(problem.code == .statementTooLarge ? .contentTooLarge : .badRequest, problem.code,
                           "\(which)\(problem.message) Nothing of this request was stored.")
        }
    }

    /// Validates every statement of a batch and gives each an id. All or nothing: one invalid
    /// statement refuses the batch. With a JSON body every attachment needs a `fileUrl`; with a
    /// multipart one the parser has matched attachments and parts already. Signed statements
    /// are checked against the data that came with them (`StatementSignature`).
    static func validate(_ batch: [JSONValue], version: XAPISpecVersion,
                         attachments body: StatementRequestBody? = nil) throws -> [JSONValue] {
        let parts = body?.attachmentsBySHA2 ?? [:]
        var seen = Set<String>()
        var result: [JSONValue] = []
        result.reserveCapacity(batch.count)
        for (position, statement) in batch.enumerated() {
            do {
                try StatementValidator.validate(statement, version: version)
            } catch {
                let which = batch.count > 1 ? "Statement \(position + 1) of \(batch.count): " : ""
                throw APIError.badRequest("\(which)\(error.message)", code: .invalidStatement)
            }
            if body?.isMultipart != true { try requireFileURLs(statement) }
            do {
                try StatementSignature.check(statement, parts: parts)
            } catch {
                let which = batch.count > 1 ? "Statement \(position + 1) of \(batch.count)" : "The statement"
                throw APIError.badRequest("\(which) \(error.message)", code: .invalidStatement)
            }
            guard case .object(var fields) = statement else { continue }
            let id = fields["id"]?.stringValue?.lowercased() ?? UUID().uuidString.lowercased()
            fields["id"] = .string(id)
            guard seen.insert(id).inserted else {
                throw APIError.badRequest("Statement id \(id) appears twice in the batch.", code: .invalidStatement)
            }
            result.append(.object(fields))
        }
        return result
    }

    /// With a JSON body (Communication 1.5.2.s2.b1) every attachment needs a `fileUrl`; its data
    /// can only come as a part of a multipart/mixed body.
    static func requireFileURLs(_ statement: JSONValue) throws {
        for container in [statement, statement["object"] ?? .null] {
            guard let attachments = container["attachments"]?.arrayValue else { continue }
            for attachment in attachments where attachment["fileUrl"] == nil {
                let sha2 = attachment["sha2"]?.stringValue ?? "?"
                throw APIError.badRequest("An attachment (sha2 \(sha2)) has no fileUrl: give it a fileUrl, or send the statement as multipart/mixed with a part carrying its data (X-Experience-API-Hash: its sha2).", code: .invalidStatement)
            }
        }
    }

    // MARK: read

    func get(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let languages = Self.acceptLanguages(request)
        let consistent = Timestamp.format(millisecondsSince1970: max(clock.nowMs(), try await store.latestStoredMs() ?? 0))
        var headers: HTTPFields = [:]
        headers[HTTPField.Name(XAPI.consistentThroughHeader)!] = consistent

        switch try StatementQueryParameters.parse(Self.queryParameters(request), learnerID: session.learnerID) {
        case .single(let id, let wantVoided, let format, let attachments):
            guard let found = try await store.statement(id: id, learnerID: session.learnerID), found.voided == wantVoided,
                  Self.inScope(found.json, registration: session.cmi5Registration) else {
                throw APIError(.notFound, .notFound, wantVoided ? "No voided statement \(id) in this wallet." : "No statement \(id) in this wallet (or it was voided: ask with voidedStatementId).")
            }
            headers[.lastModified] = HTTPDate.format(ms: found.storedMs)
            let statement = try Self.formatted(found.json, format: format, languages: languages)
            if attachments {
                return try await withAttachments(statement.encoded(), of: [statement], learnerID: session.learnerID, headers: headers)
            }
            return JSONResponse.raw(status: .ok, json: statement.encoded(), headers: headers)

        case .query(var query, let format, let attachments):
            if let scope = session.cmi5Registration {
                // A launch reads its own registration only; asking for another one finds nothing.
                guard query.registration ?? scope == scope else {
                    return JSONResponse.raw(status: .ok, json: (["statements": [], "more": ""] as JSONValue).encoded(), headers: headers)
                }
                query.registration = scope
            }
            let page = try await store.statements(matching: query)
            var statements: [JSONValue] = []
            statements.reserveCapacity(page.statements.count)
            for json in page.statements { statements.append(try Self.formatted(json, format: format, languages: languages)) }
            let more = page.next.map {
                Endpoints.getStatements.path(query: ["more": MoreToken(query: $0, format: format.rawValue, attachments: attachments).encode()])
            } ?? ""
            if let last = page.lastStoredMs { headers[.lastModified] = HTTPDate.format(ms: last) }
            let body: JSONValue = ["statements": .array(statements), "more": .string(more)]
            if attachments {
                return try await withAttachments(body.encoded(), of: statements, learnerID: session.learnerID, headers: headers)
            }
            return JSONResponse.raw(status: .ok, json: body.encoded(), headers: headers)
        }
    }

    /// Whether a stored statement is one the caller may read by id: any of the learner's, or for
    /// launched content only those of its registration.
    static func inScope(_ json: String, registration scope: String?) -> Bool {
        guard let scope else { return true }
        let statement = try? JSONValue(data: Data(json.utf8))
        return statement?["context"]?["registration"]?.stringValue?.lowercased() == scope
    }

    static func formatted(_ json: String, format: StatementFormat, languages: [String]) throws -> JSONValue {
        let statement = try JSONValue(data: Data(json.utf8))
        return format == .exact ? statement : StatementFormat.apply(format, to: statement, languages: languages)
    }

    // MARK: request helpers

    static func version(of request: Request) -> XAPISpecVersion {
        request.headers[XAPIVersionMiddleware.header].flatMap { XAPISpecVersion(header: $0) } ?? .v2_0_0
    }

    /// Query parameters with names and values percent-decoded, in order.
    static func queryParameters(_ request: Request) -> [(String, String)] {
        guard let query = request.uri.query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// Accept-Language tags in order of preference (q values honoured).
    static func acceptLanguages(_ request: Request) -> [String] {
        guard let header = request.headers[.acceptLanguage] else { return [] }
        let weighted: [(String, Double)] = header.split(separator: ",").compactMap { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { return nil }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, q)
        }
        return weighted.enumerated().sorted { ($0.element.1, -$0.offset) > ($1.element.1, -$1.offset) }.map(\.element.0)
    }
}

extension Response {
    /// HEAD answers carry the GET answer's status and headers, and no body.
    func withoutBody() -> Response {
        Response(status: status, headers: headers, body: .init())
    }
}

/// RFC 9110 HTTP-date for `Last-Modified`, from UTC calendar fields: a `DateFormatter` built
/// per GET answer cost more than the query it described.
enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(ms: Int64) -> String {
        var seconds = time_t(ms / 1000)
        var fields = tm()
        gmtime_r(&seconds, &fields)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(fields.tm_wday)]), \(two(fields.tm_mday)) \(months[Int(fields.tm_mon)]) \(fields.tm_year + 1900) "
            + "\(two(fields.tm_hour)):\(two(fields.tm_min)):\(two(fields.tm_sec)) GMT"
    }
}
