import Hummingbird
import SyncEngine
import WalletAPI
import WalletCore
import Basics
import DaemonKit

/// `GET /v1/learners/{id}/records` and `POST /v1/learners/{id}/records`: a learner's profile
/// fields and enrolments, with every concurrent value shown (never hidden) and the context token
/// that lets a write resolve exactly the values the learner saw. Own session only. The list comes a
/// page at a time by key (`PageQuery`); a conflicts-only page reads a bounded number of records.
struct RecordRoutes: Sendable {
    let store: WalletStore
    let sync: SyncService

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.records) { request, context in
            try await list(request, session: context.requireSession())
        }
        routes.on(Endpoints.writeRecord) { request, context in
            try await write(request, session: context.requireSession())
        }
    }

    func list(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let conflictsOnly = request.uri.queryParameters.get("conflicts") == "true"
        let query = try PageQuery(request, list: conflictsOnly ? "conflicts" : "records")
        let page = try store.records(learnerID: session.learnerID, conflictsOnly: conflictsOnly, after: try query.afterText(), limit: query.limit)
        let next = page.next.map {
            Endpoints.records.path(session.learnerID, query: query.query(after: [$0], keeping: conflictsOnly ? ["conflicts": "true"] : [:]))
        }
        return JSONResponse.make(status: .ok, body: RecordsResponse(
            learner: session.learnerID, records: page.items.map { Self.view(key: $0.key, state: $0.state) }, next: next))
    }

    func write(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let input = try await JSONRequestBody.decode(WriteRecordRequest.self, from: request, limit: 16 * 1024)
        return JSONResponse.make(status: .ok, body: try write(input, session: session))
    }

    /// Writes a record value having seen `input.context`: the socket's route and the wallet
    /// page's conflict choice share it.
    func write(_ input: WriteRecordRequest, session: AuthenticatedSession) throws -> RecordView {
        if let problem = RecordKey.problem(with: input.key) { throw APIError.badRequest(problem + ".", code: .invalidRecordKey) }
        if RecordKey.isReserved(input.key) {
            throw APIError(.forbidden, .reservedRecord, "\(input.key) is written only by the repository when it issues a credential; see `wallet-cli credentials`.")
        }
        try Self.validate(key: input.key, value: input.value)
        var seen: VersionVector?
        if let token = input.context {
            guard let vector = RecordContext.vector(from: token) else {
                throw APIError.badRequest("context is not a token this wallet gave out; read the record again and send its context unchanged.", code: .invalidContext)
            }
            seen = vector
        }
        let replica = sync.syncStore.replica
        let state: RegisterState
        do {
            state = try store.writeRecord(learnerID: session.learnerID, key: input.key, value: input.value, seen: seen, replica: replica)
        } catch RecordWriteError.tooManyValues(let count) {
            throw APIError(.conflict, .tooManyValues,
                           "\(input.key) already holds \(count) values written without seeing each other. Read it again and write with its context to settle them (`wallet-cli resolve`).")
        }
        sync.localChange()
        return Self.view(key: input.key, state: state)
    }

    static func validate(key: String, value: JSONValue) throws {
        let bytes = value.encodedString.utf8.count
        guard bytes <= RecordKey.maxValueBytes else { throw APIError.badRequest("The value is longer than \(RecordKey.maxValueBytes) bytes.", code: .invalidRecordValue) }
        if key.hasPrefix(RecordKey.enrolmentPrefix) {
            guard let status = value.stringValue, RecordKey.enrolmentStatuses.contains(status) else {
                throw APIError.badRequest("An enrolment is one of \(RecordKey.enrolmentStatuses.joined(separator: ", ")).", code: .invalidRecordValue)
            }
        } else {
            guard let text = value.stringValue, !text.isEmpty, text.count <= 200 else {
                throw APIError.badRequest("A profile field is a text of 1 to 200 characters.", code: .invalidRecordValue)
            }
        }
    }

    static func view(key: String, state: RegisterState) -> RecordView {
        RecordView(key: key, values: state.values, context: RecordContext.token(for: state.context))
    }
}
