import Basics

/// The JSON Schema of every body and answer type of the socket API, by the Swift type's name (the
/// name each `Endpoint` carries). A test checks that every endpoint's types are here and that the
/// answers walletd gives in the tests match them.
///
/// ```swift
/// WalletAPISchemas.all["LearnerSummary"]   // .object(required: ["id": .string, "name": .string], optional: ["did": .string])
/// ```
public enum WalletAPISchemas {
    public static let all: [String: JSONSchema] = [
        // Statements and signed documents: their own standards describe them.
        "JSONValue": .any,
        // `GET /v1/metrics`: Prometheus text, one sample a line.
        "PrometheusText": .string,
        // `POST /v1/content`: the zip file's bytes.
        "ContentPackageZip": .string,
        "ContentPackageSummary": .object(required: [
            "id": .string, "course": .string, "title": .string, "units": .array(.ref("ContentUnitSummary")), "files": .integer,
            "bytes": .integer, "sha256": .string, "importedAt": .string,
        ], optional: ["replaced": .boolean, "filesMissing": .boolean]),
        "ContentUnitSummary": .object(required: ["id": .string, "title": .string, "url": .string,
                                                 "moveOn": .oneOf(["Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"])],
                                      optional: ["masteryScore": .number]),
        "ContentPackageList": .object(required: ["packages": .array(.ref("ContentPackageSummary"))], optional: [:]),
        "HealthResponse": .object(required: [
            "status": .string, "version": .string, "xapiVersion": .string, "dataDirectory": .string, "socket": .string,
            "durability": .oneOf(["full", "normal"]),
            "counts": .object(required: ["learners": .integer, "statements": .integer, "activeSessions": .integer], optional: [:]),
        ], optional: ["storage": .oneOf(["ok", "full", "read_only", "damaged"]), "storageMessage": .string]),
        "CreateLearnerRequest": .object(required: ["name": .string, "pin": .string], optional: [:]),
        "LearnerSummary": .object(required: ["id": .string, "name": .string], optional: ["did": .string]),
        "LearnerList": .object(required: ["learners": .array(.ref("LearnerSummary"))], optional: ["next": .string]),
        "FetchLearnerRequest": .object(required: ["learner": .string, "pin": .string], optional: [:]),
        "CreateSessionRequest": .object(required: ["learner": .string, "pin": .string], optional: [:]),
        "SessionResponse": .object(required: ["token": .string, "learner": .ref("LearnerSummary"), "idleTimeoutSeconds": .integer],
                                   optional: ["maxLifetimeSeconds": .integer]),
        "LockResponse": .object(required: ["ended": .integer], optional: [:]),
        "XAPICredentialsResponse": .object(required: ["user": .string, "password": .string, "authorization": .string,
                                                      "idleTimeoutSeconds": .integer, "maxLifetimeSeconds": .integer],
                                           optional: ["endpoint": .string]),
        "AuditLogResponse": .object(required: ["entries": .array(.ref("AuditLogLine")), "verified": .boolean],
                                    optional: ["firstBroken": .integer, "anchor": .ref("AuditAnchorView"), "next": .string]),
        "AuditAnchorView": .object(required: ["seq": .integer, "atMs": .integer, "broken": .boolean], optional: [:]),
        "AuditLogLine": .object(required: ["seq": .integer, "atMs": .integer, "kind": .string, "detail": .string, "hash": .string],
                                optional: ["learnerHash": .string, "device": .string]),
        "ProgressResponse": .object(required: [
            "learner": .string,
            "activities": .array(.object(
                required: ["activity": .string, "attempted": .boolean, "completed": .boolean, "passed": .boolean, "failed": .boolean,
                           "statementCount": .integer],
                optional: ["name": .string, "bestScaledScore": .number, "lastActivity": .string])),
        ], optional: [:]),
        "CoursesResponse": .object(required: ["courses": .array(.ref("CourseProgress"))], optional: ["learner": .string, "catalogVersion": .string]),
        "CourseProgress": .object(required: [
            "course": .ref("Course"), "achieved": .integer, "total": .integer,
            "outcomes": .array(.object(required: ["id": .string, "text": .string, "state": .string],
                                       optional: ["escoSkill": .string, "bestScaledScore": .number, "lastActivity": .string])),
        ], optional: [:]),
        "Course": .object(required: [
            "id": .string, "title": .string, "description": .string, "language": .string, "eqfLevel": .integer, "ectsCredits": .number,
            "learningOutcomes": .array(.object(required: ["id": .string, "text": .string], optional: ["escoSkill": .string])),
            "assessment": .oneOf(["supervised", "self-assessed"]), "participation": .oneOf(["onsite", "online", "blended"]),
            "qualityAssurance": .string,
            "awardingBody": .object(required: ["name": .string, "country": .string], optional: ["url": .string]),
        ], optional: ["ecvetPoints": .number, "workloadHours": .integer]),
        "RecordView": .object(required: ["key": .string, "values": .array(.any), "context": .string], optional: [:]),
        "RecordsResponse": .object(required: ["learner": .string, "records": .array(.ref("RecordView"))], optional: ["next": .string]),
        "WriteRecordRequest": .object(required: ["key": .string, "value": .any], optional: ["context": .string]),
        "CredentialListItem": .object(
            required: ["id": .string, "title": .string, "awardingBody": .string, "status": .string, "verified": .boolean],
            optional: ["country": .string, "issued": .string, "statusCheckedAt": .string, "problem": .string]),
        "CredentialList": .object(required: ["credentials": .array(.ref("CredentialListItem"))], optional: ["next": .string]),
        "CredentialDetail": .object(required: ["summary": .ref("CredentialListItem"), "credential": .any], optional: [:]),
        "ExportRequest": .object(required: ["credentials": .array(.string)], optional: ["challenge": .string, "domain": .string]),
        "AttestationRequest": .object(
            required: ["outcome": .string, "result": .string],
            optional: ["score": .number, "note": .string, "verifiedName": .string, "identityCheck": .string]),
        "AttestationResponse": .object(
            required: ["statement": .string, "attestation": .string, "course": .string, "outcome": .string, "result": .string], optional: [:]),
        "ForgetRequest": .object(required: [:], optional: ["force": .boolean, "pin": .string]),
        "ForgetCounts": .object(required: ["statements": .integer, "records": .integer, "credentials": .integer, "sessions": .integer], optional: [:]),
        "UnsyncedCounts": .object(required: ["statements": .integer, "records": .integer, "quarantined": .integer, "profile": .boolean,
                                             "enrolled": .boolean], optional: [:]),
        "ForgetResponse": .object(required: ["learner": .string, "removed": .ref("ForgetCounts"), "lost": .ref("UnsyncedCounts"),
                                             "compacted": .boolean], optional: [:]),
        "ChangePINRequest": .object(required: ["currentPin": .string, "newPin": .string], optional: [:]),
        "ChangePINResponse": .object(required: ["learner": .ref("LearnerSummary"), "generation": .integer, "sessionsEnded": .integer], optional: [:]),
        "ResetPINRequest": .object(required: ["code": .string, "newPin": .string], optional: [:]),
        "ResetPINResponse": .object(required: ["learner": .ref("LearnerSummary"), "generation": .integer, "sessionsEnded": .integer], optional: [:]),
        "TrustResponse": .object(required: ["anchor": .string, "version": .integer, "fetchedAt": .string, "trustList": .any], optional: [:]),
        "SyncStatusResponse": .object(required: [
            "registered": .boolean, "replica": .string, "pendingStatements": .integer, "pendingRecords": .integer,
            "pending": .array(.object(required: ["learner": .string, "statements": .integer, "records": .integer], optional: [:])),
        ], optional: [
            "repository": .string, "device": .string, "lastSuccess": .string, "lastAttempt": .string, "lastError": .string,
            "nextAttemptInSeconds": .number, "current": .ref("SyncRunProgress"), "lastRun": .ref("SyncRunResult"), "catalogVersion": .string,
            "quarantined": .array(.ref("QuarantinedItem")), "quarantinedTotal": .integer,
        ]),
        "QuarantinedItem": .object(required: [
            "learner": .string, "kind": .oneOf(["statement", "record"]), "item": .string, "code": .string, "reason": .string, "since": .string,
        ], optional: [:]),
        "HeldBackLearner": .object(required: ["learner": .string, "phase": .oneOf(["push", "pull"]), "code": .string, "message": .string],
                                   optional: [:]),
        "SyncRunProgress": .object(
            required: ["run": .integer, "phase": .string, "pushedStatements": .integer, "pushTotal": .integer, "pulledStatements": .integer],
            optional: [:]),
        "SyncRunResult": .object(required: [
            "run": .integer, "ok": .boolean, "finished": .string, "durationMs": .number, "requests": .integer, "pushBatches": .integer,
            "pushedStatements": .integer, "pushedRecords": .integer, "duplicates": .integer, "conflicts": .array(.string),
            "pulledStatements": .integer, "pulledRecords": .integer, "catalogUpdated": .boolean,
        ], optional: ["error": .string, "quarantined": .integer, "heldBack": .array(.ref("HeldBackLearner")), "conflictCount": .integer]),
        "SyncStartedResponse": .object(required: ["run": .integer], optional: [:]),
        "EnrolDeviceRequest": .object(required: ["repository": .string, "code": .string], optional: ["caFile": .string, "name": .string]),
        "DeviceInfo": .object(required: ["registered": .boolean, "replica": .string],
                              optional: ["repository": .string, "device": .string, "caFile": .string, "previousReplicas": .array(.string),
                                         "tokenSince": .string]),
    ]
}
