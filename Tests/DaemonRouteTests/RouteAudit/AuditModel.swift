import Basics
import Foundation
import HTTPTypes

/// Who calls a route in the route audit. Every route of both daemons is called by each kind that
/// applies to its daemon, always about learner A's data (A's id in the path, A's ids in the
/// body), so that "another learner" and "another device" are the cases that must see nothing of A.
enum AuditCaller: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// No credentials at all.
    case nobody
    /// walletd: learner A's session, on A's own data.
    case learner
    /// walletd: learner B's session (no assessor), on A's data.
    case otherLearner
    /// walletd: learner C's session, registered as an assessor in the trust list, on A's data.
    case assessor
    /// walletd: the centre admin's token (`X-Walletd-Admin`), no session.
    case admin
    /// repositoryd: an enrolled device that holds A.
    case device
    /// repositoryd: an enrolled device that does not hold A.
    case otherDevice
    /// repositoryd: a device that held A and was revoked.
    case revokedDevice

    var description: String { rawValue }

    /// The caller whose data the requests are about: the learner on walletd, the device that holds
    /// them on repositoryd. Every other caller is checked for leaks and for changes to A's data.
    var isOwner: Bool { self == .learner || self == .device }
}

/// Pieces of A's data the audit plants where only A (or A's device) may read them, and looks for in
/// every answer to anyone else.
enum AuditCanary: String, CaseIterable, Sendable, Hashable {
    /// A's learner id (shown to anyone in walletd's learner list, by design: it is how one logs in).
    case learnerID
    /// The id of a statement in A's history.
    case statement
    /// The value of A's profile record.
    case record
    /// The id of A's credential.
    case credential
    /// A's session token.
    case sessionToken
}

/// What one caller gets from one route. Statuses and codes are exact: a refusal with the wrong code
/// (401 where 403 is right) fails the audit as much as an answer that should have been a refusal.
enum AuditOutcome: Sendable, Equatable {
    /// Past every access check: `status` (2xx, or a 4xx with `code` that the test's input causes).
    /// For the owner, `shows` must be in the answer (the canaries are real); for anyone else the
    /// answer may hold only the canaries in `reveals`, and A's data must stay as it was unless
    /// `changesOwner` (an assessor's attestation adds to A's history).
    case allowed(Int, ErrorCode? = nil, shows: Set<AuditCanary> = [], reveals: Set<AuditCanary> = [], changesOwner: Bool = false)
    /// 200, with every partition about A refused with `code` inside the answer (a pull names many
    /// learners, and one it may not read does not refuse the others).
    case partitionRefused(ErrorCode)
    /// Refused by an access check: exactly this status and code.
    case refused(Int, ErrorCode)

    static func ok(_ status: Int = 200, shows: Set<AuditCanary> = [], reveals: Set<AuditCanary> = [], changesOwner: Bool = false) -> AuditOutcome {
        .allowed(status, nil, shows: shows, reveals: reveals, changesOwner: changesOwner)
    }

    /// Past the access checks and stopped by the route's own rule on the test's input.
    static func reaches(_ status: Int, _ code: ErrorCode) -> AuditOutcome { .allowed(status, code) }
}

/// One route of a daemon and what each caller kind gets from it.
struct AuditRow: Sendable {
    /// `METHOD /template`, as the router and the OpenAPI document name it.
    let route: String
    let outcomes: [AuditCaller: AuditOutcome]

    init(_ route: String, _ outcomes: [AuditCaller: AuditOutcome]) {
        self.route = route
        self.outcomes = outcomes
    }
}

/// A daemon's audit table: a row per route, and the caller kinds that do not apply to the daemon
/// with the reason (said once for the table, not left out silently).
struct AuditTable: Sendable {
    let daemon: String
    let notApplicable: [AuditCaller: String]
    let rows: [AuditRow]

    var callers: [AuditCaller] { AuditCaller.allCases.filter { notApplicable[$0] == nil } }

    /// Routes the router has and the table lacks, and rows naming no route; each row must say
    /// what every applicable caller gets and nothing for the others.
    func problems(registered: Set<String>) -> [String] {
        let listed = rows.map(\.route)
        var problems: [String] = []
        for route in registered.subtracting(listed).sorted() { problems.append("\(daemon): route \(route) has no row in the audit table") }
        for route in Set(listed).subtracting(registered).sorted() { problems.append("\(daemon): the audit table's row \(route) names no route") }
        for route in Dictionary(grouping: listed, by: { $0 }).filter({ $0.value.count > 1 }).keys.sorted() {
            problems.append("\(daemon): \(route) has more than one row")
        }
        for row in rows {
            let missing = callers.filter { row.outcomes[$0] == nil }
            if !missing.isEmpty { problems.append("\(daemon): \(row.route) says nothing for \(missing)") }
            let extra = row.outcomes.keys.filter { notApplicable[$0] != nil }
            if !extra.isEmpty { problems.append("\(daemon): \(row.route) has outcomes for \(extra), which do not apply to \(daemon)") }
        }
        return problems
    }

    /// Every (route, caller) cell, for a parameterized test.
    var cells: [AuditCell] {
        rows.flatMap { row in callers.compactMap { caller in row.outcomes[caller].map { AuditCell(route: row.route, caller: caller, outcome: $0) } } }
    }
}

/// One cell of a table: a route called by one kind of caller.
struct AuditCell: Sendable, CustomStringConvertible {
    let route: String
    let caller: AuditCaller
    let outcome: AuditOutcome

    var description: String { "\(route) as \(caller)" }
    var method: HTTPRequest.Method { HTTPRequest.Method(String(route.prefix { $0 != " " })) ?? .get }
    var template: String { String(route.drop { $0 != " " }.dropFirst()) }
}

/// The request a cell sends, before the caller's credentials are added.
struct AuditRequest: Sendable {
    var path: String
    var headers: HTTPFields = [:]
    var body: Data?

    /// Everything the caller sent, to tell an echo of the caller's own input from a leak.
    var text: String {
        ([path, path.removingPercentEncoding ?? ""] + headers.map(\.value) + [body.map { String(decoding: $0, as: UTF8.self) } ?? ""]).joined(separator: "\n")
    }
}
