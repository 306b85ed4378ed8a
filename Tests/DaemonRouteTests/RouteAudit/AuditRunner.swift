import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A daemon with learner A's data planted, and the callers of its audit table: what the generic
/// runner needs to call a route as each caller and judge the answer.
protocol AuditWorld {
    /// A's planted values, looked for in every answer to someone else.
    var canaries: [AuditCanary: String] { get }
    /// A's id as answers name A.
    var owner: String { get }
    var recorder: RouteRecorder { get }
    /// The request of a cell about A, without the caller's credentials.
    func request(_ cell: AuditCell) throws -> AuditRequest
    /// What the caller sends to say who it is (nothing for `.nobody`).
    func credentials(_ caller: AuditCaller) -> HTTPFields
    /// A's data as A (or A's device) reads it: compared before and after another caller's call.
    func ownerState(_ client: some TestClientProtocol) async throws -> String
}

/// Calls one cell of a table and returns what is wrong with its answer (empty: as the table says).
enum AuditRunner {
    struct MissingRequest: Error, CustomStringConvertible {
        var route: String
        var description: String { "the audit has no request for \(route): add one to the daemon's audit world" }
    }

    static func run(_ cell: AuditCell, in world: some AuditWorld, client: some TestClientProtocol) async throws -> [String] {
        let request = try world.request(cell)
        var headers = request.headers
        for field in world.credentials(cell.caller) { headers[field.name] = field.value }
        let before = cell.caller.isOwner ? nil : try await world.ownerState(client)
        let answer = try await world.recorder.call(client, cell.method, cell.template, path: request.path, headers: headers, body: request.body)
        let after = cell.caller.isOwner ? nil : try await world.ownerState(client)
        var seen = AuditCheck.seen(answer)
        // A HEAD answer has no body to carry its error code: only the status is compared.
        if cell.method == .head, case .refused(let status, let code) = cell.outcome, seen.code == nil, seen.status == status { seen.code = code }
        return AuditCheck.problems(cell, request: request, seen: seen, canaries: world.canaries, owner: world.owner, before: before, after: after)
    }
}
