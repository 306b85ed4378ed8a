import Basics
import WalletAPI

/// Who may call what on the wallet page (walletd's loopback listener, docs/WALLET-PAGE.md): every
/// page × every caller, each request about learner A's data. Callers present themselves as a
/// browser does: a session cookie (A's, B's or C's), or no session at all (the admin token means
/// nothing to the page). Every form carries the caller's own valid form token, so what is audited
/// here is the session rule; forged tokens and foreign hosts are WebPageTests' and the browser
/// test's. A page without a session answers 303 to the profiles, never A's data.
enum WalletPageAuditTable {
    static let toProfiles = AuditOutcome.ok(303)

    /// Anyone at the browser, logged in or not.
    static func open(_ outcome: AuditOutcome) -> [AuditCaller: AuditOutcome] {
        [.nobody: outcome, .learner: outcome, .otherLearner: outcome, .assessor: outcome, .admin: outcome]
    }

    /// Needs a session and acts for the session's own learner: others get their own (empty) page.
    static func session(owner: AuditOutcome, others: AuditOutcome) -> [AuditCaller: AuditOutcome] {
        [.nobody: toProfiles, .learner: owner, .otherLearner: others, .assessor: others, .admin: toProfiles]
    }

    static let table = AuditTable(
        daemon: "walletd's wallet page",
        notApplicable: [
            .device: "walletd holds no device tokens", .otherDevice: "walletd holds no device tokens",
            .revokedDevice: "walletd holds no device tokens",
        ],
        rows: [
            // The profiles: ids and names are how one logs in on a shared PC (as on the socket).
            AuditRow("GET /", [.nobody: .ok(200, reveals: [.learnerID]), .admin: .ok(200, reveals: [.learnerID]),
                               .learner: .ok(303), .otherLearner: .ok(303), .assessor: .ok(303)]),
            AuditRow("GET /login", open(.ok(200, shows: [.learnerID], reveals: [.learnerID]))),
            // The PIN is the credential: whoever sends A's PIN gets a session of A's.
            AuditRow("POST /login", open(.ok(303))),
            AuditRow("POST /logout", open(.ok(303))),
            AuditRow("GET /learners/new", open(.ok(200))),
            AuditRow("POST /learners/new", open(.ok(303))),
            AuditRow("POST /language", open(.ok(303))),
            AuditRow("GET /static/wallet.css", open(.ok(200))),
            AuditRow("GET /courses", session(owner: .ok(200), others: .ok(200))),
            AuditRow("GET /credentials", session(owner: .ok(200), others: .ok(200))),
            // A's credential by its id: another session is told there is no such credential.
            AuditRow("GET /credentials/{credential}", session(owner: .ok(200, shows: [.credential]), others: .ok(404))),
            AuditRow("POST /credentials/{credential}/export", session(owner: .ok(200, shows: [.credential]), others: .ok(404))),
            AuditRow("GET /sync", session(owner: .ok(200), others: .ok(200))),
            AuditRow("POST /sync", session(owner: .ok(303), others: .ok(303))),
            // Writes the session's own learner's record, whatever the form says: A's changes only for A.
            AuditRow("POST /sync/resolve", session(owner: .ok(303, changesOwner: true), others: .ok(303))),
            // Starts a lesson for the session's own learner (a launched statement and the launch
            // data in A's record for A only), whatever the form says.
            AuditRow("POST /courses/launch", session(owner: .ok(303, changesOwner: true), others: .ok(303))),
            // Where a lesson returns: no data, on to the courses.
            AuditRow("GET /courses/return", open(.ok(200))),
            // A lesson's files are course content, the same for everyone at the PC: no learner data.
            AuditRow("GET /content/{package}/**", open(.ok(200))),
            AuditRow("HEAD /content/{package}/**", open(.ok(200))),
            // Launched content's one-time fetch URL: an unknown id answers cmi5's error JSON with 200.
            AuditRow("POST /cmi5/fetch/{fetch}", open(.ok(200))),
        ] + xapiRows)

    /// The same xAPI resources as the socket, for launched content's token and xAPI
    /// credentials: the page's session opens none of them, as a cookie or sent as Basic.
    static var xapiRows: [AuditRow] {
        Endpoints.all.filter { $0.template.hasPrefix("/xapi/") }.map { endpoint in
            AuditRow("\(endpoint.method.rawValue) \(endpoint.template)",
                     open(endpoint.access == .anyone ? .ok(200) : .refused(401, .unauthenticated)))
        }
    }
}
