import Basics
import Catalog
import Credentials
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import NIOCore
import SecurityPrimitives
import SyncEngine
import WalletAPI
import WalletCore
@testable import WalletDaemon

/// A walletd with three learners logged in: Ana (A, whose data every request is about), Bea (B,
/// another learner) and Cai (C, registered as an assessor in the trust list this PC holds). A has a
/// statement, a profile record and a verified credential; the PC has a catalog and is registered
/// with a repository (unreachable: nothing here goes out). Built through the routes where a route
/// exists, through the store where only a sync would bring it.
struct WalletdAuditWorld: AuditWorld {
    static let document = WalletAPIDocument.make()
    static let statementID = "5e1f0c2a-7b1d-4f6e-9a3c-0d2b4e6f8a10"
    static let recordValue = "ana.canary@example.org"
    static let credentialID = "urn:uuid:0c4a1d2e-canary-4e5f-8a9b-ana-credential"
    static let pin = "246813"
    static let activityProfileQuery = ["activityId": "https://catalog.vet-centre.example/forklift/lo-1", "profileId": "notes"]
    /// A's State document and Agent Profile document holding the record canary: anyone else who
    /// names A's agent reaches their own (empty) documents, never these.
    static let stateCanaryID = "bookmark"
    static let agentProfileCanaryID = "canary"
    static let stateActivity = "https://catalog.vet-centre.example/forklift/lo-1"

    static func stateQuery(_ agent: String, stateID: String) -> [String: String] {
        ["activityId": stateActivity, "agent": agent, "stateId": stateID]
    }

    /// What the world needs of walletd besides its router (which the test client drives).
    struct Daemon: Sendable {
        let store: WalletStore
        let sync: SyncService
        let admin: String

        init(_ harness: WalletdHarness) {
            store = harness.store
            sync = harness.sync
            admin = harness.admin
        }
    }

    let harness: Daemon
    let recorder: RouteRecorder
    let ana: LearnerSummary
    let tokens: [AuditCaller: String]
    /// A learning outcome of a course whose awarding body lists Cai as an assessor.
    let outcome: String

    var owner: String { ana.id }
    var canaries: [AuditCanary: String] {
        [.learnerID: ana.id, .statement: Self.statementID, .record: Self.recordValue, .credential: Self.credentialID,
         .sessionToken: tokens[.learner] ?? ""]
    }

    /// Plants the world through `client`, which drives the router of the harness `harness` comes from.
    static func make(_ client: some TestClientProtocol, harness: Daemon) async throws -> WalletdAuditWorld {
        let recorder = RouteRecorder(document: document)
        func decode<T: Decodable>(_ type: T.Type, _ answer: RouteRecorder.Answer) throws -> T { try JSONDecoder().decode(type, from: answer.body) }
        var sessions: [AuditCaller: SessionResponse] = [:]
        var learners: [AuditCaller: LearnerSummary] = [:]
        for (caller, name, pin) in [(AuditCaller.learner, "Ana", Self.pin), (.otherLearner, "Bea", "135792"), (.assessor, "Cai", "864209")] {
            var answer = try await recorder.call(client, .post, Endpoints.createLearner.template, body: .json(["name": .string(name), "pin": .string(pin)]))
            try #require(answer.status == 201, "creating \(name): \(String(decoding: answer.body, as: UTF8.self))")
            let learner = try decode(LearnerSummary.self, answer)
            answer = try await recorder.call(client, .post, Endpoints.login.template, body: .json(["learner": .string(learner.id), "pin": .string(pin)]))
            learners[caller] = learner
            sessions[caller] = try decode(SessionResponse.self, answer)
        }
        let ana = try #require(learners[.learner])
        let anaSession = try #require(sessions[.learner])
        var headers = WalletdRouteTests.xapi
        headers[.authorization] = "Bearer \(anaSession.token)"
        var answer = try await recorder.call(client, .post, Endpoints.postStatements.template, headers: headers,
                                             body: .json(WalletdRouteTests.statement(Self.statementID, learner: ana)))
        try #require(answer.status == 200)
        answer = try await recorder.call(client, .put, Endpoints.putActivityProfile.template, path: Endpoints.putActivityProfile.path(query: activityProfileQuery),
                                         headers: headers, body: .json(["note": .string(Self.recordValue)]))
        try #require(answer.status == 204)
        let anaAgent = XAPI.learnerAgent(id: ana.id, name: ana.name).encodedString
        answer = try await recorder.call(client, .put, Endpoints.putState.template,
                                         path: Endpoints.putState.path(query: stateQuery(anaAgent, stateID: stateCanaryID)),
                                         headers: headers, body: .json(["note": .string(Self.recordValue)]))
        try #require(answer.status == 204)
        answer = try await recorder.call(client, .put, Endpoints.putAgentProfile.template,
                                         path: Endpoints.putAgentProfile.path(query: ["agent": anaAgent, "profileId": agentProfileCanaryID]),
                                         headers: headers, body: .json(["note": .string(Self.recordValue)]))
        try #require(answer.status == 204)
        answer = try await recorder.call(client, .post, Endpoints.writeRecord.template, path: Endpoints.writeRecord.path(ana.id),
                                         headers: WalletdRouteTests.bearer(anaSession.token), body: .json(["key": "profile/email", "value": .string(Self.recordValue)]))
        try #require(answer.status == 200)

        let course = try plantCatalog(harness)
        let outcome = try #require(course.learningOutcomes.first?.id)
        try plantTrustAndCredential(harness, course: course, ana: ana, anaDID: try #require(anaSession.learner.did),
                                    assessorDID: try #require(sessions[.assessor]?.learner.did))
        try harness.store.enrol(repository: "https://repository.invalid", device: "device-audit", token: SessionToken.generate().text,
                                caFile: nil, nowMs: harness.sync.clock.nowMs())
        return WalletdAuditWorld(harness: harness, recorder: recorder, ana: ana, tokens: sessions.mapValues(\.token), outcome: outcome)
    }

    /// The sample catalog, as a sync would store it; answers its first course.
    static func plantCatalog(_ harness: Daemon) throws -> Course {
        let file = try CatalogFile.load(path: RepositorydRouteTests.catalogFile)
        try harness.sync.syncStore.storeCatalog(CatalogEnvelope(version: file.version, catalog: try JSONValue(data: Data(file.json.utf8))))
        return try #require(try CourseCatalog.parse(Data(file.json.utf8)).courses.first)
    }

    /// A signed trust list naming the course's awarding body and Cai as its assessor, and a
    /// credential of that body for Ana, which arrives as a pull would bring it and passes its check.
    static func plantTrustAndCredential(_ harness: Daemon, course: Course, ana: LearnerSummary, anaDID: String, assessorDID: String) throws {
        let repository = SigningKey.generate(), body = SigningKey.generate()
        let now = Date()
        let statusList = "http://repository.test/status/audit-body"
        let trust = TrustListContent(
            version: 1, verificationPage: "http://repository.test/verify",
            awardingBodies: [.init(did: body.didKey.did, name: course.awardingBody.name, country: course.awardingBody.country, url: nil,
                                   slug: "audit-body", statusList: statusList)],
            assessors: [.init(did: assessorDID, name: "Cai", assessorID: "AUDIT-1", awardingBody: body.didKey.did)])
        let signedTrust = try DataIntegrity.sign(trust.unsignedCredential(id: "http://repository.test/trust-list", issuer: repository.didKey, validFrom: now),
                                                 key: repository, purpose: .assertionMethod, created: now)
        try harness.store.storeTrustList(signedTrust, signer: repository.didKey.did, version: 1, hubEpoch: nil, nowMs: harness.sync.clock.nowMs())
        let issuer = IssuerProfile(did: body.didKey, name: course.awardingBody.name, country: course.awardingBody.country, url: nil)
        let credential = try DataIntegrity.sign(
            MicroCredential.unsigned(id: credentialID, course: course, learnerDID: anaDID, learnerID: ana.id, selfDeclaredName: ana.name,
                                     issuer: issuer, issued: now, status: StatusEntry(listURL: statusList, index: 7)),
            key: body, purpose: .assertionMethod, created: now)
        let record = WireRecord(key: "credential/\(credentialID)", state: RegisterState().writing(credential, by: ReplicaID("hub-audit"), seen: VersionVector()))
        try harness.sync.syncStore.applyPulled(.init(learner: ana.id, statements: [], records: [record], next: 1, more: false))
        let held = try harness.store.credentials(learnerID: ana.id)
        try #require(held.count == 1 && held.first?.problem == nil, "the planted credential passes walletd's check: \(held)")
    }

    func credentials(_ caller: AuditCaller) -> HTTPFields {
        if caller == .admin { return [AdminToken.header: harness.admin] }
        return tokens[caller].map(WalletdRouteTests.bearer) ?? [:]
    }

    func request(_ cell: AuditCell) throws -> AuditRequest {
        let a = ana.id
        let xapi = WalletdRouteTests.xapi
        let ownStatement = WalletdRouteTests.statement(Self.statementID, learner: ana)
        let anaAgent = XAPI.learnerAgent(id: a, name: ana.name).encodedString
        switch cell.route {
        case Self.key(Endpoints.health), Self.key(Endpoints.openAPI), Self.key(Endpoints.listLearners), Self.key(Endpoints.courses),
             Self.key(Endpoints.trust), Self.key(Endpoints.syncStatus), Self.key(Endpoints.startSync), Self.key(Endpoints.device),
             Self.key(Endpoints.logout), Self.key(Endpoints.lock), Self.key(Endpoints.audit), Self.key(Endpoints.rotateDeviceToken),
             Self.key(Endpoints.metrics), Self.key(Endpoints.listContent):
            return AuditRequest(path: cell.template)
        case Self.key(Endpoints.importContent):
            return AuditRequest(path: cell.template, headers: [.contentType: "application/zip"], body: Data("no zip here".utf8))
        case Self.key(Endpoints.removeContent):
            return AuditRequest(path: Endpoints.removeContent.path("c-0000000000000000"))
        case Self.key(Endpoints.xapiAbout), Self.key(Endpoints.xapiAboutHead):
            return AuditRequest(path: cell.template, headers: xapi)
        case Self.key(Endpoints.createLearner):
            return AuditRequest(path: cell.template, body: .json(["name": "Zed", "pin": "975310"]))
        case Self.key(Endpoints.fetchLearner):
            // A learner already on this PC is answered without their PIN: the list shows them anyway.
            return AuditRequest(path: cell.template, body: .json(["learner": .string(a), "pin": "0000"]))
        case Self.key(Endpoints.login):
            return AuditRequest(path: cell.template, body: .json(["learner": .string(a), "pin": .string(Self.pin)]))
        case Self.key(Endpoints.xapiCredentials): return AuditRequest(path: Endpoints.xapiCredentials.path(a))
        case Self.key(Endpoints.progress): return AuditRequest(path: Endpoints.progress.path(a))
        case Self.key(Endpoints.learnerCourses): return AuditRequest(path: Endpoints.learnerCourses.path(a))
        case Self.key(Endpoints.records): return AuditRequest(path: Endpoints.records.path(a))
        case Self.key(Endpoints.writeRecord):
            return AuditRequest(path: Endpoints.writeRecord.path(a), body: .json(["key": "profile/email", "value": "someone.else@example.org"]))
        case Self.key(Endpoints.credentials): return AuditRequest(path: Endpoints.credentials.path(a))
        case Self.key(Endpoints.credential): return AuditRequest(path: Endpoints.credential.path(a, Self.credentialID))
        case Self.key(Endpoints.export):
            return AuditRequest(path: Endpoints.export.path(a), body: .json(["credentials": [.string(Self.credentialID)]]))
        case Self.key(Endpoints.forget):
            return AuditRequest(path: Endpoints.forget.path(a), body: .json(["force": true, "pin": .string(Self.pin)]))
        case Self.key(Endpoints.changePIN):
            return AuditRequest(path: Endpoints.changePIN.path(a), body: .json(["currentPin": .string(Self.pin), "newPin": "86420975"]))
        case Self.key(Endpoints.resetPIN):
            return AuditRequest(path: Endpoints.resetPIN.path(a), body: .json(["code": "K7QF-3MZP-XD2A-9WRB", "newPin": "86420975"]))
        case Self.key(Endpoints.attest):
            return AuditRequest(path: Endpoints.attest.path(a), body: .json(["outcome": .string(outcome), "result": "passed"]))
        case Self.key(Endpoints.enrol):
            return AuditRequest(path: cell.template, body: .json(["repository": "ftp://repository.invalid", "code": "K7QF-3MZP-XD2A-1234"]))
        case Self.key(Endpoints.postStatements):
            // A new statement whose actor is A: it is stored for whoever's session sends it.
            return AuditRequest(path: cell.template, headers: xapi, body: .json(WalletdRouteTests.statement(UUID().uuidString.lowercased(), learner: ana)))
        case Self.key(Endpoints.putStatement):
            return AuditRequest(path: Endpoints.putStatement.path(query: ["statementId": Self.statementID]), headers: xapi, body: .json(ownStatement))
        case Self.key(Endpoints.getStatements), Self.key(Endpoints.headStatements):
            return AuditRequest(path: Endpoints.getStatements.path(query: ["statementId": Self.statementID]), headers: xapi)
        case Self.key(Endpoints.getActivityProfile), Self.key(Endpoints.headActivityProfile), Self.key(Endpoints.putActivityProfile),
             Self.key(Endpoints.postActivityProfile), Self.key(Endpoints.deleteActivityProfile):
            // A's own document (planted, with the record canary); the same ids from anyone else.
            let method = cell.route.split(separator: " ").first.map(String.init) ?? ""
            var headers = xapi
            if method == "PUT" { headers[.ifMatch] = "*" }
            return AuditRequest(path: Endpoints.getActivityProfile.path(query: Self.activityProfileQuery), headers: headers,
                                body: method == "PUT" || method == "POST" ? .json(["note": "another"]) : nil)
        case Self.key(Endpoints.headActivity):
            return AuditRequest(path: Endpoints.getActivity.path(query: ["activityId": "https://catalog.vet-centre.example/forklift/lo-1"]), headers: xapi)
        case Self.key(Endpoints.headAgents):
            return AuditRequest(path: Endpoints.getAgents.path(query: ["agent": anaAgent]), headers: xapi)
        case Self.key(Endpoints.getState), Self.key(Endpoints.putState), Self.key(Endpoints.postState), Self.key(Endpoints.deleteState),
             Self.key(Endpoints.headState):
            // Naming A's agent: reading A's planted document, writing and deleting another.
            let method = cell.route.split(separator: " ").first.map(String.init) ?? ""
            let query = Self.stateQuery(anaAgent, stateID: method == "GET" || method == "HEAD" ? Self.stateCanaryID : "suspend")
            return AuditRequest(path: Endpoints.getState.path(query: query), headers: xapi,
                                body: method == "PUT" || method == "POST" ? .json(["page": 3]) : nil)
        case Self.key(Endpoints.getAgentProfile), Self.key(Endpoints.putAgentProfile), Self.key(Endpoints.postAgentProfile),
             Self.key(Endpoints.deleteAgentProfile), Self.key(Endpoints.headAgentProfile):
            let method = cell.route.split(separator: " ").first.map(String.init) ?? ""
            let query = ["agent": anaAgent, "profileId": method == "GET" || method == "HEAD" ? Self.agentProfileCanaryID : "cmi5LearnerPreferences"]
            return AuditRequest(path: Endpoints.getAgentProfile.path(query: query), headers: xapi,
                                body: method == "PUT" || method == "POST" ? .json(["audioPreference": "on"]) : nil)
        case Self.key(Endpoints.getActivity):
            return AuditRequest(path: Endpoints.getActivity.path(query: ["activityId": "https://catalog.vet-centre.example/forklift/lo-1"]), headers: xapi)
        case Self.key(Endpoints.getAgents):
            return AuditRequest(path: Endpoints.getAgents.path(query: ["agent": anaAgent]), headers: xapi)
        default:
            throw AuditRunner.MissingRequest(route: cell.route)
        }
    }

    func ownerState(_ client: some TestClientProtocol) async throws -> String {
        var xapi = WalletdRouteTests.xapi
        xapi[.authorization] = "Bearer \(tokens[.learner] ?? "")"
        var parts: [String] = []
        let anaAgent = XAPI.learnerAgent(id: ana.id, name: ana.name).encodedString
        for (path, headers) in [(Endpoints.records.path(ana.id), WalletdRouteTests.bearer(tokens[.learner] ?? "")),
                                (Endpoints.credentials.path(ana.id), WalletdRouteTests.bearer(tokens[.learner] ?? "")),
                                (Endpoints.getStatements.path(), xapi),
                                (Endpoints.getState.path(query: Self.stateQuery(anaAgent, stateID: Self.stateCanaryID)), xapi),
                                (Endpoints.getState.path(query: Self.stateQuery(anaAgent, stateID: "suspend")), xapi),
                                (Endpoints.getAgentProfile.path(query: ["agent": anaAgent, "profileId": Self.agentProfileCanaryID]), xapi),
                                (Endpoints.getAgentProfile.path(query: ["agent": anaAgent, "profileId": "cmi5LearnerPreferences"]), xapi)] {
            let answer = try await client.execute(uri: path, method: .get, headers: headers) { response in
                "\(response.status.code) \(String(buffer: response.body))"
            }
            parts.append(answer)
        }
        return parts.joined(separator: "\n")
    }

    static func key<Body, Answer>(_ endpoint: Endpoint<Body, Answer>) -> String { "\(endpoint.method.rawValue) \(endpoint.template)" }
}
