import Basics

/// repositoryd's HTTP API as an OpenAPI 3.1 document (`GET /openapi.json`): the public routes, the
/// employer's verification pages and the sync protocol of docs/SYNC.md. A test builds the router
/// in-process and fails when a registered route is missing here.
///
/// ```swift
/// let document: JSONValue = RepositoryAPIDocument.make()
/// ```
enum RepositoryAPIDocument {
    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation(method: "GET", path: "/health", summary: "the repository is up; the sync format it speaks",
                         answer: .object(required: ["status": .oneOf(["ok", "degraded"]), "format": .integer],
                                         optional: ["storage": .oneOf(["ok", "full", "read_only", "damaged"]), "storageMessage": .string])),
        OpenAPIOperation(method: "GET", path: "/openapi.json", summary: "this API as an OpenAPI 3.1 document", answer: .any),
        OpenAPIOperation(method: "GET", path: "/metrics",
                         summary: "this instance's counters in the Prometheus text format: callers on this machine only, or with --metrics-token-file every caller with that token (no learner data)",
                         security: ["metrics"], answer: .string, answerMediaType: "text/plain"),
        OpenAPIOperation(method: "GET", path: "/catalog", summary: "the course catalog as published (canonical JSON)", answer: .ref("CourseCatalog")),
        OpenAPIOperation(method: "GET", path: "/trust-list", summary: "the signed trust list: awarding bodies, their keys and status lists", answer: .any),
        OpenAPIOperation(method: "GET", path: "/status/{slug}", summary: "an awarding body's signed Bitstring Status List credential", answer: .any),
        OpenAPIOperation(method: "GET", path: "/contexts/microcredential-v1.jsonld", summary: "the JSON-LD context of the micro-credential terms, version 1 (frozen)",
                         answer: .any, answerMediaType: "application/ld+json"),
        OpenAPIOperation(method: "GET", path: "/contexts/microcredential-v2.jsonld", summary: "the JSON-LD context of the micro-credential terms, version 2 (v1 and the identity check)",
                         answer: .any, answerMediaType: "application/ld+json"),
        OpenAPIOperation(method: "GET", path: "/verify", summary: "the employer's verification page (`?credential=ID`: one credential's page; `?lang=en|nl`, else Accept-Language: its language)",
                         query: ["credential", "lang"], answerMediaType: "text/html"),
        OpenAPIOperation(method: "POST", path: "/verify", summary: "verify a pasted or uploaded wallet export; answers a page (in the form's `lang`, else Accept-Language)",
                         body: .object(required: ["export": .string], optional: [:]), bodyMediaType: "application/x-www-form-urlencoded",
                         answerMediaType: "text/html"),
        OpenAPIOperation(method: "POST", path: "/sync/v1/devices", summary: "enrol a PC with a one-time enrolment code; answers its device token",
                         body: .ref("DeviceEnrolmentRequest"), success: 201, answer: .ref("DeviceEnrolmentResponse")),
        OpenAPIOperation(method: "POST", path: "/sync/v1/devices/copy",
                         summary: "a copied PC (new replica id) gets a device of its own holding the learners of the token's device",
                         security: ["device"], body: .ref("DeviceCopyRequest"), success: 201, answer: .ref("DeviceEnrolmentResponse")),
        OpenAPIOperation(method: "POST", path: "/sync/v1/devices/token",
                         summary: "replace the device token by the one the PC proposes; the same request again after a lost answer is answered as done",
                         security: ["device"], body: .ref("DeviceTokenRotationRequest"), answer: .ref("DeviceTokenRotationResponse")),
        OpenAPIOperation(method: "POST", path: "/sync/v1/push", summary: "one idempotent batch of a learner's statements and records",
                         security: ["device"], body: .ref("PushRequest"), answer: .ref("PushResponse")),
        OpenAPIOperation(method: "POST", path: "/sync/v1/pull", summary: "changes since each partition's checkpoint",
                         security: ["device"], body: .ref("PullRequest"), answer: .ref("PullResponse")),
        OpenAPIOperation(method: "GET", path: "/sync/v1/catalog", summary: "the catalog with its version, for PCs",
                         security: ["device"], answer: .ref("CatalogEnvelope")),
        OpenAPIOperation(method: "POST", path: "/sync/v1/learners/fetch", summary: "bring a learner to this PC with their PIN (the lock-out counts)",
                         security: ["device"], body: .ref("LearnerFetchRequest"), answer: .ref("LearnerFetchResponse")),
        OpenAPIOperation(method: "POST", path: "/sync/v1/learners/reset",
                         summary: "a forgotten PIN: the admin's one-time code and the learner's new PIN hash, holder key and claim; answers the learner with the repository's reset statement (refused codes count towards a lock)",
                         security: ["device"], body: .ref("LearnerResetRequest"), answer: .ref("LearnerFetchResponse")),
        OpenAPIOperation(method: "GET", path: "/sync/v1/audit/anchor", summary: "the anchor kept for this device's own audit log",
                         security: ["device"], answer: .ref("AuditAnchorResponse")),
        OpenAPIOperation(method: "POST", path: "/sync/v1/audit/anchor",
                         summary: "anchor this device's audit head, showing its entry at the last anchor; answers whether the log broke since",
                         security: ["device"], body: .ref("AuditAnchorRequest"), answer: .ref("AuditAnchorResponse")),
    ]

    static let schemas: [String: JSONSchema] = [
        "CourseCatalog": .object(required: ["courses": .array(.any)], optional: [:]),
        "ScryptPIN": .object(required: ["salt": .string, "hash": .string, "logN": .integer, "r": .integer, "p": .integer], optional: [:]),
        "HolderKey": .object(required: ["did": .string, "sealed": .string, "salt": .string, "logN": .integer, "r": .integer, "p": .integer],
                             optional: [:]),
        "Learner": .object(required: ["id": .string, "name": .string, "createdMs": .integer, "pin": .ref("ScryptPIN")],
                           optional: ["holderKey": .ref("HolderKey"), "claim": .ref("LearnerClaim"), "reset": .any]),
        "LearnerClaim": .object(required: [
            "learner": .string, "generation": .integer, "pin": .ref("ScryptPIN"),
            "holder": .object(required: ["did": .string, "sealedDigest": .string], optional: [:]), "issuedMs": .integer, "signature": .string,
        ], optional: ["replica": .string]),
        "Record": .object(required: [
            "key": .string,
            "state": .object(required: ["siblings": .array(.object(required: ["dot": .array(.any), "value": .any], optional: [:])),
                                        "context": .map(.integer)], optional: [:]),
        ], optional: [:]),
        "DeviceEnrolmentRequest": .object(required: ["format": .integer, "code": .string, "replica": .string, "name": .string],
                                          optional: ["previousToken": .string, "token": .string]),
        "DeviceCopyRequest": .object(required: ["format": .integer, "replica": .string, "name": .string, "token": .string], optional: [:]),
        "DeviceTokenRotationRequest": .object(required: ["format": .integer, "token": .string], optional: [:]),
        "DeviceTokenRotationResponse": .object(required: ["format": .integer, "device": .string], optional: [:]),
        "DeviceEnrolmentResponse": .object(required: ["format": .integer, "device": .string, "token": .string, "repository": .string], optional: [:]),
        "PushRequest": .object(required: [
            "format": .integer, "batch": .string, "replica": .string, "learner": .ref("Learner"),
            "statements": .array(.any), "records": .array(.ref("Record")),
        ], optional: [:]),
        "PushResponse": .object(required: [
            "format": .integer, "batch": .string, "accepted": .integer, "duplicates": .integer, "conflicts": .array(.string),
            "recordsMerged": .integer, "replayed": .boolean,
        ], optional: ["hub": .ref("HubWitness")]),
        "HubWitness": .object(required: ["epoch": .string, "seq": .integer, "mark": .string, "seal": .string], optional: [:]),
        "PullRequest": .object(required: [
            "format": .integer, "replica": .string, "limit": .integer,
            "partitions": .array(.object(required: ["learner": .string, "since": .integer], optional: ["own": .boolean, "claim": .integer])),
        ], optional: ["witness": .ref("HubWitness")]),
        "PullResponse": .object(required: [
            "format": .integer,
            "partitions": .array(.object(required: [
                "learner": .string, "statements": .array(.any), "records": .array(.ref("Record")), "next": .integer, "more": .boolean,
            ], optional: ["refused": .object(required: ["code": .string, "message": .string], optional: [:]), "claimed": .ref("Learner")])),
        ], optional: ["catalogVersion": .string, "hub": .ref("HubWitness")]),
        "CatalogEnvelope": .object(required: ["format": .integer, "version": .string, "catalog": .ref("CourseCatalog")], optional: [:]),
        "AuditAnchor": .object(required: ["seq": .integer, "hash": .string], optional: ["atMs": .integer]),
        "AuditAnchorRequest": .object(required: ["format": .integer, "head": .ref("AuditAnchor")], optional: ["since": .ref("AuditAnchor")]),
        "AuditAnchorResponse": .object(required: ["format": .integer, "broken": .boolean], optional: ["anchor": .ref("AuditAnchor")]),
        "LearnerFetchRequest": .object(required: ["format": .integer, "learner": .string, "pin": .string], optional: [:]),
        "LearnerFetchResponse": .object(required: ["format": .integer, "learner": .ref("Learner")], optional: [:]),
        "LearnerResetRequest": .object(required: ["format": .integer, "learner": .string, "code": .string, "record": .ref("Learner")], optional: [:]),
    ]

    static func make() -> JSONValue {
        OpenAPIDocument(
            title: "repositoryd", version: WalletVersion.string,
            description: "The learner wallet's central repository: catalog, credential documents, verification pages and the sync protocol (docs/SYNC.md, docs/REPOSITORY.md). Every JSON error is {\"error\": {\"code\", \"message\"}}.",
            operations: operations, schemas: schemas,
            securitySchemes: ["device": ["type": "http", "scheme": "bearer", "description": "the device token from POST /sync/v1/devices"],
                              "metrics": ["type": "http", "scheme": "bearer",
                                          "description": "the token in repositoryd's --metrics-token-file (without one, only loopback callers are answered)"]]
        ).json
    }
}
