import Basics
import WalletAPI

/// Who may call what on walletd: every route × every caller, each request about learner A's data.
/// docs/ROUTES.md says the same in words. A route walletd registers without a row here fails
/// `RouteAuditTests`, and so does any answer that differs from its cell.
enum WalletdAuditTable {
    static let unauthenticated = AuditOutcome.refused(401, .unauthenticated)
    static let forbidden = AuditOutcome.refused(403, .forbidden)
    static let adminRequired = AuditOutcome.refused(403, .adminRequired)

    /// Anyone on the socket: the socket's file mode decides who that is.
    static func open(_ outcome: AuditOutcome = .ok()) -> [AuditCaller: AuditOutcome] {
        [.nobody: outcome, .learner: outcome, .otherLearner: outcome, .assessor: outcome, .admin: outcome]
    }

    /// A's own data: A's session only; another learner's session (assessors included) is
    /// refused, and the admin token is no session.
    static func learnersOwn(_ owner: AuditOutcome) -> [AuditCaller: AuditOutcome] {
        [.nobody: unauthenticated, .learner: owner, .otherLearner: forbidden, .assessor: forbidden, .admin: unauthenticated]
    }

    /// Any session, acting for its own learner whatever the request names.
    static func session(owner: AuditOutcome, others: AuditOutcome) -> [AuditCaller: AuditOutcome] {
        [.nobody: unauthenticated, .learner: owner, .otherLearner: others, .assessor: others, .admin: unauthenticated]
    }

    static func row<Body, Answer>(_ endpoint: Endpoint<Body, Answer>, _ outcomes: [AuditCaller: AuditOutcome]) -> AuditRow {
        AuditRow("\(endpoint.method.rawValue) \(endpoint.template)", outcomes)
    }

    static let table = AuditTable(
        daemon: "walletd",
        notApplicable: [
            .device: "walletd holds no device tokens: it is the device; a PC's token is the repository's (see repositoryd's table)",
            .otherDevice: "walletd holds no device tokens",
            .revokedDevice: "walletd holds no device tokens",
        ],
        rows: [
            row(Endpoints.health, open()),
            row(Endpoints.openAPI, open()),
            row(Endpoints.createLearner, open(.ok(201))),
            // Ids and names are how one logs in on a shared PC: shown to anyone on the socket.
            row(Endpoints.listLearners, open(.ok(200, shows: [.learnerID], reveals: [.learnerID]))),
            // A learner already here is answered without a PIN check (id and name only).
            row(Endpoints.fetchLearner, open(.ok(200))),
            // The PIN is the credential: whoever sends A's PIN gets a session of A's.
            row(Endpoints.login, open(.ok(201))),
            // Ends the caller's own session, never A's (A's data must still be readable by A).
            row(Endpoints.logout, session(owner: .ok(204), others: .ok(204))),
            // Ends the sessions of the OS account the kernel names on the socket. In process there is
            // no socket, so nothing is ended, for anyone (SessionBindingTests covers the accounts).
            row(Endpoints.lock, open(.reaches(400, .badRequest))),
            // A's session asks for xAPI credentials of A's own; nobody else's session gets them.
            row(Endpoints.xapiCredentials, learnersOwn(.ok(201, shows: [.learnerID]))),

            row(Endpoints.progress, learnersOwn(.ok(200, shows: [.learnerID]))),
            row(Endpoints.learnerCourses, learnersOwn(.ok(200, shows: [.learnerID]))),
            row(Endpoints.records, learnersOwn(.ok(200, shows: [.learnerID, .record]))),
            row(Endpoints.writeRecord, learnersOwn(.ok(200))),
            row(Endpoints.credentials, learnersOwn(.ok(200, shows: [.credential]))),
            row(Endpoints.credential, learnersOwn(.ok(200, shows: [.credential]))),
            row(Endpoints.export, learnersOwn(.ok(201, shows: [.credential]))),
            // With force and A's PIN, sent by anyone: only A's session forgets A.
            row(Endpoints.forget, learnersOwn(.ok(200, shows: [.learnerID]))),
            // With A's current PIN, sent by anyone: only A's session changes A's PIN.
            row(Endpoints.changePIN, learnersOwn(.ok(200, shows: [.learnerID]))),
            // No session (A forgot the PIN), but only the repository checks the code: on a PC
            // without one, nobody's request changes A.
            row(Endpoints.resetPIN, open(.refused(503, .resetNeedsRepository))),
            // Only a registered assessor signs off A's outcome, and never their own.
            row(Endpoints.attest, [
                .nobody: unauthenticated, .learner: .refused(403, .selfAssessment), .otherLearner: .refused(403, .notAnAssessor),
                .assessor: .ok(201, changesOwner: true), .admin: unauthenticated,
            ]),

            row(Endpoints.courses, open()),
            row(Endpoints.trust, open()),
            // Totals for anyone; per-learner counts for that learner's session, all for the admin.
            row(Endpoints.syncStatus, [
                .nobody: .ok(), .learner: .ok(200, shows: [.learnerID]), .otherLearner: .ok(), .assessor: .ok(),
                .admin: .ok(200, reveals: [.learnerID]),
            ]),
            // Moves only what is already here to where it belongs.
            row(Endpoints.startSync, open(.ok(202))),
            row(Endpoints.device, open()),
            // The admin gets past the check and is stopped by the test's unusable URL.
            row(Endpoints.enrol, [
                .nobody: adminRequired, .learner: adminRequired, .otherLearner: adminRequired, .assessor: adminRequired,
                .admin: .reaches(400, .invalidRepositoryURL),
            ]),
            // The admin gets past the check and is stopped by the test's unreachable repository.
            row(Endpoints.rotateDeviceToken, [
                .nobody: adminRequired, .learner: adminRequired, .otherLearner: adminRequired, .assessor: adminRequired,
                .admin: .reaches(503, .repositoryUnreachable),
            ]),
            // The audit log names learners only by the SHA-256 of their id: the admin's, nobody else's.
            row(Endpoints.audit, [
                .nobody: adminRequired, .learner: adminRequired, .otherLearner: adminRequired, .assessor: adminRequired, .admin: .ok(),
            ]),
            // Course packages: the centre admin's. The audit's body is no zip; its id names no package.
            row(Endpoints.importContent, [
                .nobody: adminRequired, .learner: adminRequired, .otherLearner: adminRequired, .assessor: adminRequired,
                .admin: .reaches(400, .invalidPackage),
            ]),
            row(Endpoints.listContent, [
                .nobody: adminRequired, .learner: adminRequired, .otherLearner: adminRequired, .assessor: adminRequired, .admin: .ok(),
            ]),
            row(Endpoints.removeContent, [
                .nobody: adminRequired, .learner: adminRequired, .otherLearner: adminRequired, .assessor: adminRequired,
                .admin: .reaches(404, .packageNotFound),
            ]),
            // Counts by outcome, route group and status class: no learner id or name (the audit looks).
            row(Endpoints.metrics, open()),

            row(Endpoints.xapiAbout, open()),
            row(Endpoints.xapiAboutHead, open()),
            // A statement whose actor is A is stored as the sender's own; A's history is untouched.
            row(Endpoints.postStatements, session(owner: .ok(200), others: .ok(200))),
            // A's statement id is taken: another learner's PUT of it conflicts and changes nothing.
            row(Endpoints.putStatement, session(owner: .ok(204), others: .reaches(409, .statementConflict))),
            // Another learner's statement is not found, as if it did not exist.
            row(Endpoints.getStatements, session(owner: .ok(200, shows: [.statement]), others: .refused(404, .notFound))),
            row(Endpoints.headStatements, session(owner: .ok(200), others: .refused(404, .notFound))),
            // xAPI documents are kept under the caller's learner, then the agent named: anyone may
            // name A's agent, and reaches only their own documents for it (A's canary document is
            // not found; their writes and deletes leave A's documents as they were).
            row(Endpoints.getState, session(owner: .ok(200, shows: [.record]), others: .refused(404, .notFound))),
            row(Endpoints.putState, session(owner: .ok(204), others: .ok(204))),
            row(Endpoints.postState, session(owner: .ok(204), others: .ok(204))),
            row(Endpoints.deleteState, session(owner: .ok(204), others: .ok(204))),
            row(Endpoints.getAgentProfile, session(owner: .ok(200, shows: [.record]), others: .refused(404, .notFound))),
            row(Endpoints.putAgentProfile, session(owner: .ok(204), others: .ok(204))),
            row(Endpoints.postAgentProfile, session(owner: .ok(204), others: .ok(204))),
            row(Endpoints.deleteAgentProfile, session(owner: .ok(204), others: .ok(204))),
            row(Endpoints.headState, session(owner: .ok(200), others: .refused(404, .notFound))),
            row(Endpoints.headAgentProfile, session(owner: .ok(200), others: .refused(404, .notFound))),
            // Activity Profile documents name no agent: each learner has their own, so A's (which
            // holds the record canary) is not found by anyone else, and cannot be written over.
            row(Endpoints.getActivityProfile, session(owner: .ok(200, shows: [.record]), others: .refused(404, .notFound))),
            row(Endpoints.headActivityProfile, session(owner: .ok(200), others: .refused(404, .notFound))),
            row(Endpoints.putActivityProfile, session(owner: .ok(204), others: .reaches(412, .preconditionFailed))),
            row(Endpoints.postActivityProfile, session(owner: .ok(204), others: .ok(204))),
            row(Endpoints.deleteActivityProfile, session(owner: .ok(204), others: .ok(204))),
            // An activity's definition comes from the caller's own statements (A's has none here).
            row(Endpoints.getActivity, session(owner: .ok(200), others: .ok(200))),
            // The Person object: A's for A; for anyone else only what they named (A's id, which they sent).
            row(Endpoints.getAgents, session(owner: .ok(200, shows: [.learnerID]), others: .ok(200, reveals: [.learnerID]))),
            row(Endpoints.headActivity, session(owner: .ok(200), others: .ok(200))),
            row(Endpoints.headAgents, session(owner: .ok(200), others: .ok(200))),
        ])
}
