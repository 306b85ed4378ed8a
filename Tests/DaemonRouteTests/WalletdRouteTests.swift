import Basics
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import SecurityPrimitives
import Testing
import TestSupport
import WalletAPI
import WalletCore
@testable import WalletDaemon

/// Every route of walletd, in-process: a learner's day (create, log in, record, read progress and
/// courses, write and read records, credentials and export, attest, sync and device, xAPI) and the
/// refusals around it, each answer checked against `GET /openapi.json`. The last test fails when
/// the router has a route no test here called, or one the document lacks.
@Suite("walletd routes in-process")
struct WalletdRouteTests {
    typealias Harness = WalletdHarness

    static func harness() throws -> Harness { try WalletdHarness.make() }

    static func document(_ router: Router<WalletRequestContext>) async throws -> JSONValue {
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: Endpoints.openAPI.template, method: .get) { try JSONValue(data: Data(buffer: $0.body)) }
        }
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }
    static let xapi: HTTPFields = [HTTPField.Name(XAPI.versionHeader)!: XAPI.currentVersion]

    static func statement(_ id: String, learner: LearnerSummary, verb: String = XAPI.Verb.passed) -> JSONValue {
        ["id": .string(id), "actor": XAPI.learnerAgent(id: learner.id, name: learner.name),
         "verb": ["id": .string(verb)], "object": ["id": "https://catalog.vet-centre.example/forklift/lo-1"]]
    }

    /// Runs the whole day and returns the routes it called.
    static func learnersDay(_ harness: Harness) async throws -> (called: Set<String>, document: JSONValue) {
        let document = try await document(harness.router)
        let recorder = RouteRecorder(document: document)
        let adminToken = harness.admin
        let sample = try Data(contentsOf: URL(fileURLWithPath: try SampleCoursePackage.zip(into: harness.folder)))
        try await Application(router: harness.router).test(.router) { client in
            func decode<T: Decodable>(_ type: T.Type, _ answer: RouteRecorder.Answer) throws -> T { try JSONDecoder().decode(type, from: answer.body) }
            var answer = try await recorder.call(client, .get, Endpoints.health.template)
            #expect(answer.status == 200)
            _ = try await recorder.call(client, .get, Endpoints.openAPI.template)

            // Two learners: Ana, and Bea who assesses.
            answer = try await recorder.call(client, .post, Endpoints.createLearner.template, body: .json(["name": "Ana", "pin": "246800"]))
            #expect(answer.status == 201)
            let ana = try decode(LearnerSummary.self, answer)
            answer = try await recorder.call(client, .post, Endpoints.createLearner.template, body: .json(["name": "Bea", "pin": "135700"]))
            let bea = try decode(LearnerSummary.self, answer)
            answer = try await recorder.call(client, .post, Endpoints.createLearner.template, body: .json(["name": "", "pin": "1"]))
            #expect(answer.status == 400)
            answer = try await recorder.call(client, .get, Endpoints.listLearners.template)
            #expect(try decode(LearnerList.self, answer).learners.count == 2)

            answer = try await recorder.call(client, .post, Endpoints.login.template, body: .json(["learner": .string(ana.id), "pin": "000000"]))
            #expect(answer.errorCode == .wrongPIN)
            answer = try await recorder.call(client, .post, Endpoints.login.template, body: .json(["learner": .string(ana.id), "pin": "246800"]))
            #expect(answer.status == 201)
            let anaToken = try decode(SessionResponse.self, answer).token
            answer = try await recorder.call(client, .post, Endpoints.login.template, body: .json(["learner": .string(bea.id), "pin": "135700"]))
            let beaToken = try decode(SessionResponse.self, answer).token

            // Ana's own routes: hers with her session; another session gets 403, none gets 401.
            let progressPath = Endpoints.progress.path(ana.id)
            answer = try await recorder.call(client, .get, Endpoints.progress.template, path: progressPath)
            #expect(answer.errorCode == .unauthenticated)
            answer = try await recorder.call(client, .get, Endpoints.progress.template, path: progressPath, headers: bearer(beaToken))
            #expect(answer.errorCode == .forbidden)

            // xAPI: /about needs no version header (xAPI asks clients to read it first); the other
            // routes check the header before the session.
            answer = try await recorder.call(client, .get, Endpoints.xapiAbout.template)
            #expect(answer.status == 200)
            answer = try await recorder.call(client, .get, Endpoints.getStatements.template, headers: bearer(anaToken))
            #expect(answer.errorCode == .missingVersionHeader)
            answer = try await recorder.call(client, .head, Endpoints.xapiAboutHead.template, headers: xapi)
            #expect(answer.status == 200)
            var headers = xapi
            headers[.authorization] = "Bearer \(anaToken)"
            let first = "0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90", second = "1b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a91"
            answer = try await recorder.call(client, .post, Endpoints.postStatements.template, headers: headers, body: .json(statement(first, learner: ana)))
            #expect(answer.status == 200)
            answer = try await recorder.call(client, .put, Endpoints.putStatement.template, path: Endpoints.putStatement.path(query: ["statementId": second]),
                                             headers: headers, body: .json(statement(second, learner: ana, verb: XAPI.Verb.completed)))
            #expect(answer.status == 204)
            answer = try await recorder.call(client, .get, Endpoints.getStatements.template, path: Endpoints.getStatements.path(query: ["limit": "5"]), headers: headers)
            #expect(answer.json?["statements"]?.arrayValue?.count == 2)
            answer = try await recorder.call(client, .head, Endpoints.headStatements.template, headers: headers)
            #expect(answer.status == 200)
            answer = try await recorder.call(client, .post, Endpoints.postStatements.template, headers: xapi, body: .json(statement(first, learner: ana)))
            #expect(answer.errorCode == .unauthenticated)
            try await XAPIDocumentRouteDay.run(recorder, client, headers: headers, learner: ana)

            answer = try await recorder.call(client, .get, Endpoints.progress.template, path: progressPath, headers: bearer(anaToken))
            #expect(try decode(ProgressResponse.self, answer).activities.count == 1)
            answer = try await recorder.call(client, .get, Endpoints.learnerCourses.template, path: Endpoints.learnerCourses.path(ana.id), headers: bearer(anaToken))
            #expect(answer.status == 200)
            answer = try await recorder.call(client, .get, Endpoints.courses.template)
            #expect(answer.status == 200)

            // Records: write, read, refuse a reserved key.
            let recordsPath = Endpoints.records.path(ana.id)
            answer = try await recorder.call(client, .post, Endpoints.writeRecord.template, path: recordsPath, headers: bearer(anaToken),
                                             body: .json(["key": "profile/email", "value": "ana@example.org"]))
            #expect(answer.status == 200)
            answer = try await recorder.call(client, .post, Endpoints.writeRecord.template, path: recordsPath, headers: bearer(anaToken),
                                             body: .json(["key": "credential/x", "value": "forged"]))
            #expect(answer.errorCode == .reservedRecord)
            answer = try await recorder.call(client, .get, Endpoints.records.template, path: recordsPath, headers: bearer(anaToken))
            #expect(try decode(RecordsResponse.self, answer).records.map(\.key) == ["profile/email"])

            // Credentials: none yet; an export needs at least one; no trust list before a sync.
            answer = try await recorder.call(client, .get, Endpoints.credentials.template, path: Endpoints.credentials.path(ana.id), headers: bearer(anaToken))
            #expect(try decode(CredentialList.self, answer).credentials.isEmpty)
            answer = try await recorder.call(client, .get, Endpoints.credential.template, path: Endpoints.credential.path(ana.id, "urn:uuid:nope"),
                                             headers: bearer(anaToken))
            #expect(answer.errorCode == .credentialNotFound)
            answer = try await recorder.call(client, .post, Endpoints.export.template, path: Endpoints.export.path(ana.id), headers: bearer(anaToken),
                                             body: .json(["credentials": []]))
            #expect(answer.errorCode == .invalidExport)
            answer = try await recorder.call(client, .get, Endpoints.trust.template)
            #expect(answer.errorCode == .noTrustList)

            // Attestations: never for oneself; the outcome must be in a catalog.
            answer = try await recorder.call(client, .post, Endpoints.attest.template, path: Endpoints.attest.path(ana.id), headers: bearer(anaToken),
                                             body: .json(["outcome": "lo-1", "result": "passed"]))
            #expect(answer.errorCode == .selfAssessment)
            answer = try await recorder.call(client, .post, Endpoints.attest.template, path: Endpoints.attest.path(ana.id), headers: bearer(beaToken),
                                             body: .json(["outcome": "lo-1", "result": "passed"]))
            #expect(answer.errorCode == .noCatalog)
            // A checked name needs how it was checked, and is plain text (issue 11 item 7).
            for identity: [String: JSONValue] in [["verifiedName": "Ana Pereira"], ["identityCheck": "photo ID"],
                                                  ["verifiedName": "Ana\u{1B}[2J", "identityCheck": "photo ID"], ["verifiedName": " ", "identityCheck": "photo ID"]] {
                answer = try await recorder.call(client, .post, Endpoints.attest.template, path: Endpoints.attest.path(ana.id), headers: bearer(beaToken),
                                                 body: .json(.object(identity.merging(["outcome": "lo-1", "result": "passed"]) { a, _ in a })))
                #expect(answer.status == 400 && answer.errorCode == .invalidAttestation, "\(identity)")
            }

            // Sync and device: visible to all, enrolment for the admin only.
            answer = try await recorder.call(client, .get, Endpoints.syncStatus.template, headers: bearer(anaToken))
            #expect(try decode(SyncStatusResponse.self, answer).pending.map(\.learner) == [ana.id], "a session sees its own pending counts only")
            answer = try await recorder.call(client, .post, Endpoints.startSync.template)
            #expect(answer.errorCode == .notRegistered)
            answer = try await recorder.call(client, .get, Endpoints.device.template)
            #expect(try decode(DeviceInfo.self, answer).registered == false)
            let enrolment: JSONValue = ["repository": "ftp://repository.invalid", "code": "K7QF-3MZP-XD2A-1234"]
            answer = try await recorder.call(client, .post, Endpoints.enrol.template, headers: bearer(anaToken), body: .json(enrolment))
            #expect(answer.errorCode == .adminRequired)
            answer = try await recorder.call(client, .post, Endpoints.enrol.template, headers: [AdminToken.header: adminToken], body: .json(enrolment))
            #expect(answer.errorCode == .invalidRepositoryURL)
            answer = try await recorder.call(client, .post, Endpoints.rotateDeviceToken.template, headers: bearer(anaToken))
            #expect(answer.errorCode == .adminRequired)
            answer = try await recorder.call(client, .post, Endpoints.rotateDeviceToken.template, headers: [AdminToken.header: adminToken])
            #expect(answer.status == 409 && answer.errorCode == .notRegistered, "no device token to rotate before an enrolment")
            answer = try await recorder.call(client, .post, Endpoints.fetchLearner.template, body: .json(["learner": "zoe-1", "pin": "246800"]))
            #expect(answer.errorCode == .notRegistered)
            answer = try await recorder.call(client, .post, Endpoints.fetchLearner.template, body: .json(["learner": .string(ana.id), "pin": "246800"]))
            #expect(answer.status == 200, "a learner already on this PC is answered, not fetched again")

            // PIN reset: anyone at the PC, but a short PIN, an unknown learner or no repository
            // (this PC is not registered) change nothing.
            let resetPath = Endpoints.resetPIN.path(ana.id)
            answer = try await recorder.call(client, .post, Endpoints.resetPIN.template, path: resetPath, body: .json(["code": "K7QF-3MZP-XD2A-9WRB", "newPin": "1234"]))
            #expect(answer.errorCode == .invalidPIN)
            answer = try await recorder.call(client, .post, Endpoints.resetPIN.template, path: Endpoints.resetPIN.path("zoe-1"),
                                             body: .json(["code": "K7QF-3MZP-XD2A-9WRB", "newPin": "86420975"]))
            #expect(answer.errorCode == .learnerNotFound)
            answer = try await recorder.call(client, .post, Endpoints.resetPIN.template, path: resetPath, body: .json(["code": "K7QF-3MZP-XD2A-9WRB", "newPin": "86420975"]))
            #expect(answer.status == 503 && answer.errorCode == .resetNeedsRepository)

            // Forget: the learner's own session only (not another's, not the admin); refused while
            // nothing is at a repository; with force and the PIN again, gone, sessions and all.
            let forgetPath = Endpoints.forget.path(ana.id)
            answer = try await recorder.call(client, .post, Endpoints.forget.template, path: forgetPath, headers: bearer(beaToken), body: .json([:]))
            #expect(answer.errorCode == .forbidden)
            answer = try await recorder.call(client, .post, Endpoints.forget.template, path: forgetPath, headers: [AdminToken.header: adminToken], body: .json([:]))
            #expect(answer.errorCode == .unauthenticated)
            answer = try await recorder.call(client, .post, Endpoints.forget.template, path: forgetPath, headers: bearer(anaToken), body: .json([:]))
            #expect(answer.errorCode == .notYetSynced && answer.status == 409)
            answer = try await recorder.call(client, .post, Endpoints.forget.template, path: forgetPath, headers: bearer(anaToken),
                                             body: .json(["force": true, "pin": "000000"]))
            #expect(answer.errorCode == .wrongPIN)
            answer = try await recorder.call(client, .post, Endpoints.createLearner.template, body: .json(["name": "Cy", "pin": "975300"]))
            let cy = try decode(LearnerSummary.self, answer)
            answer = try await recorder.call(client, .post, Endpoints.login.template, body: .json(["learner": .string(cy.id), "pin": "975300"]))
            let cyToken = try decode(SessionResponse.self, answer).token
            answer = try await recorder.call(client, .post, Endpoints.forget.template, path: Endpoints.forget.path(cy.id), headers: bearer(cyToken),
                                             body: .json(["force": true, "pin": "975300"]))
            #expect(answer.status == 200)
            let forgotten = try decode(ForgetResponse.self, answer)
            #expect(forgotten.learner == cy.id && forgotten.removed.sessions == 1 && forgotten.lost.profile && forgotten.compacted)
            answer = try await recorder.call(client, .get, Endpoints.progress.template, path: Endpoints.progress.path(cy.id), headers: bearer(cyToken))
            #expect(answer.errorCode == .unauthenticated, "the forgotten learner's session ended with them")

            // PIN change: the learner's own session and current PIN; the same holder key sealed again.
            let pinPath = Endpoints.changePIN.path(ana.id)
            answer = try await recorder.call(client, .post, Endpoints.changePIN.template, path: pinPath, headers: bearer(beaToken),
                                             body: .json(["currentPin": "246800", "newPin": "86420975"]))
            #expect(answer.errorCode == .forbidden)
            answer = try await recorder.call(client, .post, Endpoints.changePIN.template, path: pinPath, headers: bearer(anaToken),
                                             body: .json(["currentPin": "000000", "newPin": "86420975"]))
            #expect(answer.errorCode == .wrongPIN)
            answer = try await recorder.call(client, .post, Endpoints.changePIN.template, path: pinPath, headers: bearer(anaToken),
                                             body: .json(["currentPin": "246800", "newPin": "1234"]))
            #expect(answer.errorCode == .invalidPIN)
            answer = try await recorder.call(client, .post, Endpoints.changePIN.template, path: pinPath, headers: bearer(anaToken),
                                             body: .json(["currentPin": "246800", "newPin": "86420975"]))
            let changed = try decode(ChangePINResponse.self, answer)
            #expect(changed.learner.id == ana.id && changed.learner.did == ana.did && changed.generation == 1 && changed.sessionsEnded == 0)
            answer = try await recorder.call(client, .post, Endpoints.login.template, body: .json(["learner": .string(ana.id), "pin": "246800"]))
            #expect(answer.errorCode == .wrongPIN, "the old PIN no longer opens Ana's wallet")

            // xAPI credentials: Ana's session asks; they open Ana's xAPI routes and nothing else.
            answer = try await recorder.call(client, .post, Endpoints.xapiCredentials.template, path: Endpoints.xapiCredentials.path(ana.id),
                                             headers: bearer(anaToken))
            let credentials = try decode(XAPICredentialsResponse.self, answer)
            #expect(answer.status == 201 && credentials.user == ana.id && credentials.maxLifetimeSeconds <= 7200)
            var basic = xapi
            basic[.authorization] = credentials.authorization
            answer = try await recorder.call(client, .get, Endpoints.getStatements.template, headers: basic)
            #expect(answer.status == 200)
            basic[.authorization] = "Bearer \(credentials.password)"
            answer = try await recorder.call(client, .get, Endpoints.progress.template, path: progressPath, headers: basic)
            #expect(answer.errorCode == .unauthenticated, "xAPI credentials reach the xAPI routes only")

            answer = try await recorder.call(client, .delete, Endpoints.logout.template, headers: bearer(anaToken))
            #expect(answer.status == 204)
            answer = try await recorder.call(client, .get, Endpoints.progress.template, path: progressPath, headers: bearer(anaToken))
            #expect(answer.errorCode == .unauthenticated, "a logged-out token reaches nothing")
            // In process there is no socket for the kernel to name the caller by: nothing is ended.
            answer = try await recorder.call(client, .delete, Endpoints.lock.template)
            #expect(answer.errorCode == .badRequest)

            // Course content: the admin's. The sample package is imported, listed and removed.
            let zip: HTTPFields = [.contentType: "application/zip"]
            answer = try await recorder.call(client, .post, Endpoints.importContent.template, headers: zip, body: sample)
            #expect(answer.errorCode == .adminRequired)
            answer = try await recorder.call(client, .post, Endpoints.importContent.template,
                                             headers: [.contentType: "application/zip", AdminToken.header: adminToken], body: sample)
            let imported = try decode(ContentPackageSummary.self, answer)
            #expect(answer.status == 201 && imported.units.count == 4 && imported.replaced == false)
            answer = try await recorder.call(client, .get, Endpoints.listContent.template, headers: [AdminToken.header: adminToken])
            #expect(try decode(ContentPackageList.self, answer).packages.map(\.id) == [imported.id])
            answer = try await recorder.call(client, .delete, Endpoints.removeContent.template, path: Endpoints.removeContent.path(imported.id),
                                             headers: [AdminToken.header: adminToken])
            let removed = try decode(ContentPackageSummary.self, answer)
            #expect(answer.status == 200 && removed.id == imported.id)

            // The audit log: the admin only; what the day did is in it, in order, chained.
            answer = try await recorder.call(client, .get, Endpoints.audit.template, headers: bearer(anaToken))
            #expect(answer.errorCode == .adminRequired)
            answer = try await recorder.call(client, .get, Endpoints.audit.template, headers: [AdminToken.header: adminToken])
            let audit = try decode(AuditLogResponse.self, answer)
            #expect(audit.verified && audit.firstBroken == nil)
            #expect(audit.entries.map(\.seq) == Array(1...Int64(audit.entries.count)))
            let kinds = audit.entries.map(\.kind)
            for kind in ["login", "pin_wrong", "forget", "pin_change", "xapi_credentials", "logout", "content_import", "content_remove"] { #expect(kinds.contains(kind), "\(kind) is logged") }
            #expect(kinds.firstIndex(of: "forget").map { $0 < (kinds.lastIndex(of: "logout") ?? 0) } == true)
            #expect(!audit.entries.contains { $0.learnerHash == ana.id || $0.learnerHash == cy.id }, "ids only as their hash")

            // Counts by route group and status class; no learner id or name.
            answer = try await recorder.call(client, .get, Endpoints.metrics.template)
            let metrics = String(decoding: answer.body, as: UTF8.self)
            #expect(answer.status == 200 && answer.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(metrics.contains(#"walletd_requests_total{group="learners",status="2xx"}"#))
            #expect(metrics.contains(#"walletd_syncs_total{outcome="ok"} 0"#))
            #expect(!metrics.contains(ana.id) && !metrics.contains(cy.id) && !metrics.contains("Ana"))
        }
        return (recorder.called, document)
    }

    @Test func everyRouteAnswersAsItsDocumentSays() async throws {
        let harness = try Self.harness()
        let day = try await Self.learnersDay(harness)
        let registered = RouteRecorder.registered(harness.router)
        #expect(registered == RouteRecorder.documented(day.document), "the router and GET /openapi.json list different routes")
        #expect(registered.subtracting(day.called).isEmpty, "routes no in-process test calls: \(registered.subtracting(day.called).sorted())")
        #expect(registered == Set(Endpoints.all.map { "\($0.method.rawValue) \($0.template)" }), "the router registers exactly the declared endpoints")
    }

    @Test func forgetsPINTriesCountTowardsTheLoginLockOut() async throws {
        let harness = try Self.harness()
        try await Application(router: harness.router).test(.router) { client in
            func post(_ path: String, _ body: JSONValue, token: String? = nil) async throws -> (status: Int, code: ErrorCode?, body: Data) {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let token { headers[.authorization] = "Bearer \(token)" }
                return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body.canonicalData())) { response in
                    let data = Data(buffer: response.body)
                    return (Int(response.status.code), try? JSONDecoder().decode(APIErrorBody.self, from: data).error.code, data)
                }
            }
            let created = try await post(Endpoints.createLearner.template, ["name": "Dora", "pin": "864200"])
            let dora = try JSONDecoder().decode(LearnerSummary.self, from: created.body)
            let login = try await post(Endpoints.login.template, ["learner": .string(dora.id), "pin": "864200"])
            let token = try JSONDecoder().decode(SessionResponse.self, from: login.body).token
            var codes: [ErrorCode?] = []
            for _ in 0..<LoginThrottle.freeAttempts {
                codes.append(try await post(Endpoints.forget.path(dora.id), ["force": true, "pin": "000000"], token: token).code)
            }
            #expect(codes.last == .learnerLocked, "the fifth wrong PIN locks the profile: \(codes)")
            #expect(try await post(Endpoints.login.template, ["learner": .string(dora.id), "pin": "864200"]).code == .learnerLocked,
                    "a login meets the lock that forget's tries set")
            #expect(try await post(Endpoints.forget.path(dora.id), ["force": true, "pin": "864200"], token: token).code == .learnerLocked)
        }
    }

    @Test func everyEndpointTypeHasASchema() {
        for endpoint in Endpoints.all {
            for name in ([endpoint.body, endpoint.answer].compactMap { $0 } + endpoint.alternatives.values) {
                #expect(WalletAPISchemas.all[name] != nil, "\(endpoint.method.rawValue) \(endpoint.template): no schema for \(name)")
            }
        }
    }
}
