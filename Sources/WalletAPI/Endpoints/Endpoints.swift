import Basics

/// Every route of walletd's socket API, each declared once. docs/API.md describes them in prose;
/// `GET /openapi.json` serves them as an OpenAPI 3.1 document.
///
/// ```swift
/// let list: LearnerList = try client.call(Endpoints.listLearners)
/// let progress: ProgressResponse = try client.call(Endpoints.progress, "ana-7f3e", token: token)
/// ```
public enum Endpoints {
    // MARK: Daemon
    public static let health = Endpoint<NoBody, HealthResponse>(
        .get, "/v1/health", access: .anyone, summary: "walletd's version, counts and durability")
    public static let openAPI = Endpoint<NoBody, JSONValue>(
        .get, "/openapi.json", access: .anyone, summary: "this API as an OpenAPI 3.1 document")

    // MARK: Learners and sessions
    public static let createLearner = Endpoint<CreateLearnerRequest, LearnerSummary>(
        .post, "/v1/learners", access: .anyone, success: 201, summary: "create a learner on this PC with a PIN")
    public static let listLearners = Endpoint<NoBody, LearnerList>(
        .get, "/v1/learners", access: .anyone, query: Paging.query, summary: "this PC's learners (ids and display names, to log in), a page at a time (`limit`, `after`, `next`)")
    public static let fetchLearner = Endpoint<FetchLearnerRequest, LearnerSummary>(
        .post, "/v1/learners/fetch", access: .anyone, success: 201, alternatives: [200: LearnerSummary.self],
        summary: "bring a learner from the repository onto this PC with their PIN (200 when already here)")
    public static let login = Endpoint<CreateSessionRequest, SessionResponse>(
        .post, "/v1/sessions", access: .anyone, success: 201, summary: "log in with a PIN; answers a session token")
    public static let logout = Endpoint<NoBody, NoBody>(
        .delete, "/v1/sessions/current", access: .session, success: 204, summary: "end the session of the token sent")
    public static let lock = Endpoint<NoBody, LockResponse>(
        .delete, "/v1/sessions", access: .anyone,
        summary: "end every session the calling OS account opened on this PC, whichever learner (`wallet-cli lock`; the kernel names the account)")

    public static let xapiCredentials = Endpoint<NoBody, XAPICredentialsResponse>(
        .post, "/v1/learners/{id}/xapi-credentials", access: .learner, success: 201,
        summary: "new xAPI credentials (a 2-hour session bound to no OS account, for /xapi/ only) for xAPI tools on the loopback listener")

    // MARK: A learner's own data
    public static let progress = Endpoint<NoBody, ProgressResponse>(
        .get, "/v1/learners/{id}/progress", access: .learner, query: Paging.query, summary: "progress per xAPI activity, a page at a time by activity id")
    public static let learnerCourses = Endpoint<NoBody, CoursesResponse>(
        .get, "/v1/learners/{id}/courses", access: .learner, summary: "the catalog's courses with the learner's progress per outcome")
    public static let records = Endpoint<NoBody, RecordsResponse>(
        .get, "/v1/learners/{id}/records", access: .learner, query: ["conflicts"] + Paging.query,
        summary: "profile fields and enrolments by key, a page at a time (`?conflicts=true`: conflicted only)")
    public static let writeRecord = Endpoint<WriteRecordRequest, RecordView>(
        .post, "/v1/learners/{id}/records", access: .learner, summary: "write a profile field or enrolment; with `context`, resolve a conflict")
    public static let credentials = Endpoint<NoBody, CredentialList>(
        .get, "/v1/learners/{id}/credentials", access: .learner, query: Paging.query, summary: "the learner's micro-credentials, a page at a time")
    public static let credential = Endpoint<NoBody, CredentialDetail>(
        .get, "/v1/learners/{id}/credentials/{credential}", access: .learner, summary: "one credential with its full document")
    public static let export = Endpoint<ExportRequest, JSONValue>(
        .post, "/v1/learners/{id}/exports", access: .learner, success: 201,
        summary: "a wallet export: a presentation signed by the holder key, with the chosen credentials")
    public static let attest = Endpoint<AttestationRequest, AttestationResponse>(
        .post, "/v1/learners/{id}/attestations", access: .session, success: 201,
        summary: "an assessor's signed attestation that the learner achieved an outcome")
    public static let forget = Endpoint<ForgetRequest, ForgetResponse>(
        .post, "/v1/learners/{id}/forget", access: .learner,
        summary: "remove the learner and all their data from this PC (409 `not_yet_synced` while the repository lacks some; `force` with the PIN loses it)")

    public static let changePIN = Endpoint<ChangePINRequest, ChangePINResponse>(
        .post, "/v1/learners/{id}/pin", access: .learner,
        summary: "change the learner's PIN (the current one is checked as at login); the holder key is sealed again, other sessions end, the next sync takes it to the repository and the learner's other PCs")
    public static let resetPIN = Endpoint<ResetPINRequest, ResetPINResponse>(
        .post, "/v1/learners/{id}/pin/reset", access: .anyone,
        summary: "a learner who forgot their PIN sets a new one with the centre admin's one-time code (online only: the repository checks the code); new holder key and DID, every session of theirs here ends")

    // MARK: Catalog, trust, sync, device
    public static let courses = Endpoint<NoBody, CoursesResponse>(
        .get, "/v1/courses", access: .anyone, summary: "the course catalog this PC holds")
    public static let trust = Endpoint<NoBody, TrustResponse>(
        .get, "/v1/trust", access: .anyone, summary: "the trust anchor and trust list this PC pinned")
    public static let syncStatus = Endpoint<NoBody, SyncStatusResponse>(
        .get, "/v1/sync", access: .anyoneOrSession, summary: "sync health; pending counts per learner for the admin or the learner's own session")
    public static let startSync = Endpoint<NoBody, SyncStartedResponse>(
        .post, "/v1/sync", access: .anyoneOrSession, success: 202, alternatives: [200: SyncRunResult.self], query: ["wait", "retryQuarantined"],
        summary: "start a sync now (`?wait=true`: 200 with its SyncRunResult when it ends; `?retryQuarantined=true`: quarantined items are sent again)")
    public static let device = Endpoint<NoBody, DeviceInfo>(
        .get, "/v1/device", access: .anyone, summary: "whether and where this PC is enrolled")
    public static let enrol = Endpoint<EnrolDeviceRequest, DeviceInfo>(
        .post, "/v1/device", access: .admin, success: 201, summary: "enrol this PC with a repository using a one-time code")
    public static let rotateDeviceToken = Endpoint<NoBody, DeviceInfo>(
        .post, "/v1/device/token", access: .admin,
        summary: "replace this PC's device token at the repository (a sync run sends it; answers when the repository confirmed)")
    public static let audit = Endpoint<NoBody, AuditLogResponse>(
        .get, "/v1/audit", access: .admin, query: Paging.query,
        summary: "this PC's append-only audit log, a page at a time, and whether its hash chain holds through the page")

    // MARK: Course content (cmi5 packages; docs/CONTENT.md)
    public static let importContent = Endpoint<ContentPackageZip, ContentPackageSummary>(
        .post, "/v1/content", access: .admin, success: 201, bodyMediaType: ContentPackageZip.mediaType,
        summary: "import a cmi5 course package (the zip as the body): checked, unpacked, stored; replaces an earlier import of the same course")
    public static let listContent = Endpoint<NoBody, ContentPackageList>(
        .get, "/v1/content", access: .admin, summary: "the cmi5 course packages stored on this PC")
    public static let removeContent = Endpoint<NoBody, ContentPackageSummary>(
        .delete, "/v1/content/{id}", access: .admin, summary: "remove a stored course package (by its id, or its course id) and its files")

    /// Anyone on the socket, like the sync totals and health: counts only, never a learner.
    public static let metrics = Endpoint<NoBody, PrometheusText>(
        .get, "/v1/metrics", access: .anyone, answerMediaType: "text/plain",
        summary: "walletd's sync and request counters in the Prometheus text format (no learner ids or names)")

    // MARK: xAPI Statement API (needs X-Experience-API-Version)
    public static let xapiAbout = Endpoint<NoBody, JSONValue>(
        .get, "/xapi/about", access: .anyone, summary: "the xAPI versions walletd speaks")
    public static let xapiAboutHead = Endpoint<NoBody, NoBody>(
        .head, "/xapi/about", access: .anyone, summary: "the xAPI about resource's headers")
    public static let postStatements = Endpoint<JSONValue, JSONValue>(
        .post, "/xapi/statements", access: .session, alsoTakes: [XAPI.multipartMediaType],
        summary: "store one statement or an array (application/json, or multipart/mixed with attachment data); answers their ids")
    public static let putStatement = Endpoint<JSONValue, NoBody>(
        .put, "/xapi/statements", access: .session, success: 204, query: ["statementId"], alsoTakes: [XAPI.multipartMediaType],
        summary: "store one statement under `?statementId=` (application/json, or multipart/mixed with attachment data)")
    public static let getStatements = Endpoint<NoBody, JSONValue>(
        .get, "/xapi/statements", access: .session, query: statementQuery, alsoAnswers: [XAPI.multipartMediaType],
        summary: "one statement (`statementId`, `voidedStatementId`) or a page of the session's learner's statements; multipart/mixed with the attachment data this PC holds when `attachments=true`")
    public static let headStatements = Endpoint<NoBody, NoBody>(
        .head, "/xapi/statements", access: .session, query: statementQuery, summary: "the statements resource's headers")

    // MARK: xAPI document resources (State, Agent Profile) and the Activities and Agents resources
    public static let getState = Endpoint<NoBody, JSONValue>(
        .get, "/xapi/activities/state", access: .session, query: stateQuery + ["since"],
        summary: "one State document of the session's learner (`stateId`), or the ids of an activity's documents")
    public static let putState = Endpoint<JSONValue, NoBody>(
        .put, "/xapi/activities/state", access: .session, success: 204, query: stateQuery,
        summary: "store a State document (any media type; If-Match/If-None-Match honoured)")
    public static let postState = Endpoint<JSONValue, NoBody>(
        .post, "/xapi/activities/state", access: .session, success: 204, query: stateQuery,
        summary: "merge a JSON object into a State document (or store it when there is none)")
    public static let deleteState = Endpoint<NoBody, NoBody>(
        .delete, "/xapi/activities/state", access: .session, success: 204, query: stateQuery,
        summary: "delete one State document (`stateId`) or all of an activity's (and registration's)")
    public static let getAgentProfile = Endpoint<NoBody, JSONValue>(
        .get, "/xapi/agents/profile", access: .session, query: ["agent", "profileId", "since"],
        summary: "one Agent Profile document of the session's learner (`profileId`), or the ids of theirs")
    public static let putAgentProfile = Endpoint<JSONValue, NoBody>(
        .put, "/xapi/agents/profile", access: .session, success: 204, query: ["agent", "profileId"],
        summary: "store an Agent Profile document (If-Match or If-None-Match needed to replace one)")
    public static let postAgentProfile = Endpoint<JSONValue, NoBody>(
        .post, "/xapi/agents/profile", access: .session, success: 204, query: ["agent", "profileId"],
        summary: "merge a JSON object into an Agent Profile document (or store it when there is none)")
    public static let deleteAgentProfile = Endpoint<NoBody, NoBody>(
        .delete, "/xapi/agents/profile", access: .session, success: 204, query: ["agent", "profileId"],
        summary: "delete one Agent Profile document")
    public static let headState = Endpoint<NoBody, NoBody>(
        .head, "/xapi/activities/state", access: .session, query: stateQuery + ["since"], summary: "the State resource's headers (ETag of one document)")
    public static let headAgentProfile = Endpoint<NoBody, NoBody>(
        .head, "/xapi/agents/profile", access: .session, query: ["agent", "profileId", "since"], summary: "the Agent Profile resource's headers")
    public static let getActivityProfile = Endpoint<NoBody, JSONValue>(
        .get, "/xapi/activities/profile", access: .session, query: ["activityId", "profileId", "since"],
        summary: "one Activity Profile document as the session's learner's content stored it (`profileId`), or the ids")
    public static let headActivityProfile = Endpoint<NoBody, NoBody>(
        .head, "/xapi/activities/profile", access: .session, query: ["activityId", "profileId", "since"], summary: "the Activity Profile resource's headers")
    public static let putActivityProfile = Endpoint<JSONValue, NoBody>(
        .put, "/xapi/activities/profile", access: .session, success: 204, query: ["activityId", "profileId"],
        summary: "store an Activity Profile document (If-Match or If-None-Match needed to replace one)")
    public static let postActivityProfile = Endpoint<JSONValue, NoBody>(
        .post, "/xapi/activities/profile", access: .session, success: 204, query: ["activityId", "profileId"],
        summary: "merge a JSON object into an Activity Profile document (or store it when there is none)")
    public static let deleteActivityProfile = Endpoint<NoBody, NoBody>(
        .delete, "/xapi/activities/profile", access: .session, success: 204, query: ["activityId", "profileId"],
        summary: "delete one Activity Profile document")
    public static let getActivity = Endpoint<NoBody, JSONValue>(
        .get, "/xapi/activities", access: .session, query: ["activityId"],
        summary: "an Activity object, with the definition of the learner's newest statement about it")
    public static let getAgents = Endpoint<NoBody, JSONValue>(
        .get, "/xapi/agents", access: .session, query: ["agent"],
        summary: "the Person object of the session's learner")

    public static let headActivity = Endpoint<NoBody, NoBody>(
        .head, "/xapi/activities", access: .session, query: ["activityId"], summary: "the Activities resource's headers")
    public static let headAgents = Endpoint<NoBody, NoBody>(
        .head, "/xapi/agents", access: .session, query: ["agent"], summary: "the Agents resource's headers")

    static let stateQuery = ["activityId", "agent", "registration", "stateId"]

    /// What `GET /xapi/statements` reads (xAPI 2.0 §2.1.3 and the `more` link walletd gives).
    static let statementQuery = [
        "statementId", "voidedStatementId", "agent", "verb", "activity", "registration", "related_activities", "related_agents",
        "since", "until", "limit", "format", "attachments", "ascending", "more",
    ]

    /// Every endpoint, in the order docs/API.md lists them.
    public static let all: [AnyEndpoint] = [
        health.erased, openAPI.erased,
        createLearner.erased, listLearners.erased, fetchLearner.erased, login.erased, logout.erased, lock.erased, xapiCredentials.erased,
        progress.erased, learnerCourses.erased, records.erased, writeRecord.erased,
        credentials.erased, credential.erased, export.erased, attest.erased, forget.erased, changePIN.erased, resetPIN.erased,
        courses.erased, trust.erased, syncStatus.erased, startSync.erased, device.erased, enrol.erased, rotateDeviceToken.erased, audit.erased,
        importContent.erased, listContent.erased, removeContent.erased,
        metrics.erased,
        xapiAbout.erased, xapiAboutHead.erased, postStatements.erased, putStatement.erased, getStatements.erased, headStatements.erased,
        getState.erased, putState.erased, postState.erased, deleteState.erased,
        getAgentProfile.erased, putAgentProfile.erased, postAgentProfile.erased, deleteAgentProfile.erased,
        headState.erased, headAgentProfile.erased,
        getActivityProfile.erased, headActivityProfile.erased, putActivityProfile.erased, postActivityProfile.erased, deleteActivityProfile.erased,
        getActivity.erased, headActivity.erased, getAgents.erased, headAgents.erased,
    ]
}
