import Basics

/// Who may call what on repositoryd: every route × every caller, each request about learner A's
/// data. docs/ROUTES.md says the same in words. A route repositoryd registers (or documents)
/// without a row here fails `RouteAuditTests`, and so does any answer that differs from its cell.
enum RepositorydAuditTable {
    static let noToken = AuditOutcome.refused(401, .unauthenticated)
    static let revoked = AuditOutcome.refused(403, .deviceRevoked)

    /// Public: the documents an employer or a PC reads, with or without a token.
    static func open(_ outcome: AuditOutcome = .ok()) -> [AuditCaller: AuditOutcome] {
        [.nobody: outcome, .device: outcome, .otherDevice: outcome, .revokedDevice: outcome]
    }

    /// Behind the device token: a live device's token, whichever learners it holds.
    static func device(owner: AuditOutcome, other: AuditOutcome) -> [AuditCaller: AuditOutcome] {
        [.nobody: noToken, .device: owner, .otherDevice: other, .revokedDevice: revoked]
    }

    static let table = AuditTable(
        daemon: "repositoryd",
        notApplicable: [
            .learner: "repositoryd has no learner sessions: a learner reaches it through a device that holds them, or with their PIN in a learner fetch",
            .otherLearner: "repositoryd has no learner sessions",
            .assessor: "assessors sign on a PC (walletd); the repository checks the signature, not a session",
            .admin: "repositoryd's admin works with `repositoryd` commands on the data folder, never over HTTP",
        ],
        rows: [
            AuditRow("GET /health", open()),
            AuditRow("GET /openapi.json", open()),
            // Counts only, but the network must not read how busy the centre is: in process a caller
            // has no address, so it is not loopback, and no --metrics-token-file is set. Loopback and
            // token callers: RepositorydRouteTests.metricsAnswerLoopbackAndTheTokenOnly, MetricsTests.
            AuditRow("GET /metrics", open(.refused(403, .forbidden))),
            AuditRow("GET /catalog", open()),
            AuditRow("GET /trust-list", open()),
            AuditRow("GET /status/{slug}", open()),
            AuditRow("GET /contexts/microcredential-v1.jsonld", open()),
            AuditRow("GET /contexts/microcredential-v2.jsonld", open()),
            AuditRow("GET /verify", open()),
            AuditRow("POST /verify", open()),
            // The one-time code is the credential; a token sent along changes nothing.
            AuditRow("POST /sync/v1/devices", open(.ok(201))),
            // A device pushes only for learners it holds; a revoked one for nobody.
            AuditRow("POST /sync/v1/push", device(owner: .ok(), other: .refused(403, .learnerNotHeld))),
            // A partition of a learner the device does not hold is refused inside the answer, empty.
            AuditRow("POST /sync/v1/pull", device(owner: .ok(200, shows: [.statement, .record]), other: .partitionRefused(.learnerNotHeld))),
            AuditRow("GET /sync/v1/catalog", device(owner: .ok(), other: .ok())),
            // The PIN proves the learner: any live device that sends it may take A up.
            AuditRow("POST /sync/v1/learners/fetch", device(owner: .ok(), other: .ok())),
            // The admin's one-time code is the proof: a made-up one changes A for no device.
            AuditRow("POST /sync/v1/learners/reset", device(owner: .refused(403, .resetCodeRefused), other: .refused(403, .resetCodeRefused))),
            // A copy holds what its parent holds (the store's rule): the token is the proof.
            AuditRow("POST /sync/v1/devices/copy", device(owner: .ok(201), other: .ok(201))),
            // Each device reads and sets the anchor of its own audit log only.
            AuditRow("GET /sync/v1/audit/anchor", device(owner: .ok(), other: .ok())),
            AuditRow("POST /sync/v1/audit/anchor", device(owner: .ok(), other: .ok())),
            // A device replaces its own token, nobody else's: the token is the proof.
            AuditRow("POST /sync/v1/devices/token", device(owner: .ok(), other: .ok())),
        ])
}
