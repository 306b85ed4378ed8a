import Basics
import Catalog
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RepositoryCore
import SecurityPrimitives
import SyncEngine
import Testing
import TestSupport
@testable import RepositoryDaemon

/// Every route of repositoryd, in-process: the public documents, the employer's pages, enrolment,
/// push, pull, the catalog for PCs and a learner fetch, with the refusals that guard them; each
/// JSON answer is checked against repositoryd's own `GET /openapi.json`.
@Suite("repositoryd routes in-process")
struct RepositorydRouteTests {
    static let catalogFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("catalog/sample-catalog.json").path

    static func harness() throws -> (router: Router<RepositoryRequestContext>, store: SQLiteRepositoryStore) {
        let made = try harness(metrics: RepositoryMetrics(), access: MetricsAccess(token: nil))
        return (made.router, made.store)
    }

    /// The router with this server's metrics and who may read them.
    static func harness(metrics: RepositoryMetrics, access: MetricsAccess) throws -> (router: Router<RepositoryRequestContext>, store: SQLiteRepositoryStore) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("repositoryd-routes-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let authority = CredentialAuthority(keyring: .inDataDirectory(folder), publicURL: { "http://repository.test" })
        let store = try SQLiteRepositoryStore(directory: folder, durability: .normal, authority: authority)
        let configuration = RepositoryConfiguration(dataDirectory: folder, host: "127.0.0.1", port: 0, catalogFile: nil, tlsCertificate: nil,
                                                    tlsKey: nil, durability: .normal, maxBodyBytes: 64 << 20, debugDelayMs: 0)
        let server = RepositoryServer(configuration: configuration, logger: Logger(label: "repositoryd-routes"), metrics: metrics)
        return (server.makeRouter(store: store, publisher: CredentialPublisher(store: store, authority: authority), metricsAccess: access), store)
    }

    static func bytes(_ body: [UInt8]) -> Data { Data(body) }

    @Test func everyRouteAnswersAsItsDocumentSays() async throws {
        let (router, store) = try Self.harness()
        let document = try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { try JSONValue(data: Data(buffer: $0.body)) }
        }
        let recorder = RouteRecorder(document: document)
        let pin = "246800"
        let salt = Data("route-test-salt".utf8)
        let hash = try PINHash.make(pin: pin, cost: ScryptCost(logN: 4), salt: salt)
        let ana = WireLearner(id: "ana-route", name: "Ana", pinSalt: Base64URL.encode(salt), pinHash: Base64URL.encode(hash.hash),
                              pinCost: ScryptCost(logN: 4), createdMs: 1)
        let statementText = #"{"actor":{"account":{"homePage":"https://learner-wallet.invalid/learners","name":"ana-route"},"objectType":"Agent"},"#
            + #""authority":{"objectType":"Agent","account":{"homePage":"https://learner-wallet.invalid/learners","name":"ana-route"}},"#
            + #""id":"0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90","object":{"id":"https://catalog.vet-centre.example/x"},"#
            + #""stored":"2026-12-01T09:00:00.000Z","verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"}}"#

        try await Application(router: router).test(.router) { client in
            var answer = try await recorder.call(client, .get, "/health")
            #expect(answer.status == 200)
            // In process a caller has no address (not loopback) and no token is configured.
            // Loopback and token callers: RepositoryMetricsTests.
            answer = try await recorder.call(client, .get, "/metrics")
            #expect(answer.status == 403 && answer.errorCode == .forbidden)
            _ = try await recorder.call(client, .get, "/openapi.json")
            answer = try await recorder.call(client, .get, "/catalog")
            #expect(answer.errorCode == .noCatalog)
            let catalog = try CatalogFile.load(path: Self.catalogFile)
            try store.importCatalog(json: catalog.json, version: catalog.version, nowMs: 1)
            answer = try await recorder.call(client, .get, "/catalog")
            #expect(answer.status == 200)

            // The credential documents and the employer's pages are public.
            answer = try await recorder.call(client, .get, "/trust-list")
            #expect(answer.status == 200)
            let trustList = try #require(answer.json)
            let slug = try #require(try TrustListContent(json: trustList).awardingBodies.first?.slug, "the sample catalog names awarding bodies")
            answer = try await recorder.call(client, .get, "/status/{slug}", path: "/status/" + slug)
            #expect(answer.status == 200)
            answer = try await recorder.call(client, .get, "/status/{slug}", path: "/status/nobody-here")
            #expect(answer.errorCode == .unknownStatusList)
            answer = try await recorder.call(client, .get, "/contexts/microcredential-v1.jsonld")
            #expect(answer.status == 200)
            #expect(answer.json?["@context"]?["verifiedName"] == nil, "v1 is frozen: the identity terms are v2's")
            answer = try await recorder.call(client, .get, "/contexts/microcredential-v2.jsonld")
            #expect(answer.status == 200)
            #expect(answer.json?["@context"]?["verifiedName"] != nil)
            // Every published version: JSON-LD, readable from any origin, and the bytes docs/CREDENTIALS.md hashes.
            let documented = try DocumentedContextHashes.read()
            #expect(Set(documented.keys) == Set(MicroCredentialContext.published.map(\.path)), "docs/CREDENTIALS.md hashes every version served")
            for version in MicroCredentialContext.published {
                answer = try await recorder.call(client, .get, version.path)
                #expect(answer.headers[.contentType] == "application/ld+json" && answer.headers[.accessControlAllowOrigin] == "*", "\(answer.headers)")
                #expect(answer.body == Data(version.document.utf8))
                #expect(SessionToken.sha256Hex(String(decoding: answer.body, as: UTF8.self)) == documented[version.path],
                        "\(version.path) hashes to \(SessionToken.sha256Hex(String(decoding: answer.body, as: UTF8.self))); docs/CREDENTIALS.md says \(documented[version.path] ?? "nothing")")
            }
            answer = try await recorder.call(client, .get, "/verify")
            #expect(answer.status == 200 && answer.headers[.contentType]?.hasPrefix("text/html") == true)
            // English or Dutch: the browser's Accept-Language, unless the page's own link (`?lang=`) chose.
            #expect(String(decoding: answer.body, as: UTF8.self).contains("<html lang=\"en\">") && answer.headers[.vary] == "Accept-Language")
            answer = try await recorder.call(client, .get, "/verify", headers: [.acceptLanguage: "nl-BE,nl;q=0.9,en;q=0.5"])
            let dutch = String(decoding: answer.body, as: UTF8.self)
            #expect(dutch.contains("<html lang=\"nl\">") && dutch.contains("Een microcredential controleren") && dutch.contains("?lang=en"), "\(dutch)")
            answer = try await recorder.call(client, .get, "/verify", path: "/verify?lang=en", headers: [.acceptLanguage: "nl"])
            #expect(String(decoding: answer.body, as: UTF8.self).contains("Check a micro-credential"))
            answer = try await recorder.call(client, .get, "/verify", path: "/verify?credential=urn%3Auuid%3Anone&lang=nl")
            #expect(String(decoding: answer.body, as: UTF8.self).contains("Hier niet bekend"))
            answer = try await recorder.call(client, .post, "/verify", headers: [.contentType: "application/x-www-form-urlencoded", .acceptLanguage: "nl"],
                                             body: Data("challenge=x".utf8))
            #expect(String(decoding: answer.body, as: UTF8.self).contains("plak de inhoud van het exportbestand"))
            answer = try await recorder.call(client, .post, "/verify", headers: [.contentType: "application/x-www-form-urlencoded"],
                                             body: Data("export=%7B%7D".utf8))
            #expect(answer.status == 200)

            // Enrolment: a wrong code is refused; a fresh one gives a device token.
            let enrol = DeviceEnrolmentRequest(code: "K7QF-3MZP-XD2A-0001", replica: ReplicaID("pc-route"), name: "PC 1")
            answer = try await recorder.call(client, .post, "/sync/v1/devices", body: Self.bytes(enrol.body()))
            #expect(answer.errorCode == .invalidEnrolmentCode)
            try store.addEnrolmentCode(enrol.code, label: nil, nowMs: 1, expiresMs: Int64.max / 2)
            answer = try await recorder.call(client, .post, "/sync/v1/devices", body: Self.bytes(enrol.body()))
            #expect(answer.status == 201)
            let device = try DeviceEnrolmentResponse(body: Array(answer.body))
            var auth: HTTPFields = [.authorization: "Bearer \(device.token)"]

            // Sync: nothing without the token; a push, a pull, the catalog with it.
            let push = PushRequest(replica: ReplicaID("pc-route"), learner: ana,
                                   statements: [WireStatement(id: "0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90", json: statementText)], records: [])
            answer = try await recorder.call(client, .post, "/sync/v1/push", body: Self.bytes(push.body()))
            #expect(answer.errorCode == .unauthenticated)
            answer = try await recorder.call(client, .post, "/sync/v1/push", headers: auth, body: Self.bytes(push.body()))
            #expect(answer.status == 200)
            answer = try await recorder.call(client, .post, "/sync/v1/push", headers: auth, body: Data("{}".utf8))
            #expect(answer.errorCode == .invalidSyncMessage)
            let pull = PullRequest(replica: ReplicaID("pc-route"), limit: 100, partitions: [.init(learner: ana.id, since: 0)])
            answer = try await recorder.call(client, .post, "/sync/v1/pull", headers: auth, body: Self.bytes(pull.body()))
            #expect(answer.status == 200)
            answer = try await recorder.call(client, .get, "/sync/v1/catalog", headers: auth)
            #expect(answer.status == 200)

            // The device replaces its token: the old one opens nothing but the same request again.
            let rotation = DeviceTokenRotationRequest(token: SessionToken.generate().text)
            answer = try await recorder.call(client, .post, "/sync/v1/devices/token", body: Self.bytes(rotation.body()))
            #expect(answer.status == 401 && answer.errorCode == .unauthenticated)
            answer = try await recorder.call(client, .post, "/sync/v1/devices/token", headers: auth, body: Self.bytes(DeviceTokenRotationRequest(token: "short").body()))
            #expect(answer.status == 400 && answer.errorCode == .invalidSyncMessage)
            answer = try await recorder.call(client, .post, "/sync/v1/devices/token", headers: auth, body: Self.bytes(rotation.body()))
            #expect(answer.status == 200 && (try? DeviceTokenRotationResponse(body: Array(answer.body)))?.device != nil)
            answer = try await recorder.call(client, .post, "/sync/v1/devices/token", headers: auth, body: Self.bytes(rotation.body()))
            #expect(answer.status == 200, "the same request again after a lost answer is answered as done")
            answer = try await recorder.call(client, .get, "/sync/v1/catalog", headers: auth)
            #expect(answer.status == 401 && answer.errorCode == .unknownDevice, "the old token is refused")
            auth = [.authorization: "Bearer \(rotation.token)"]
            answer = try await recorder.call(client, .get, "/sync/v1/catalog", headers: auth)
            #expect(answer.status == 200)

            // A second enrolment naming this live replica without its token is refused (409);
            // a copied PC with the token gets a device of its own for its new replica.
            let other = DeviceEnrolmentRequest(code: "K7QF-3MZP-XD2A-0002", replica: ReplicaID("pc-route"), name: "PC 2")
            try store.addEnrolmentCode(other.code, label: nil, nowMs: 1, expiresMs: Int64.max / 2)
            answer = try await recorder.call(client, .post, "/sync/v1/devices", body: Self.bytes(other.body()))
            #expect(answer.status == 409 && answer.errorCode == .replicaInUse)
            let copy = DeviceCopyRequest(replica: ReplicaID("pc-route-copy"), name: "PC 1 copy", token: SessionToken.generate().text)
            answer = try await recorder.call(client, .post, "/sync/v1/devices/copy", body: Self.bytes(copy.body()))
            #expect(answer.errorCode == .unauthenticated)
            answer = try await recorder.call(client, .post, "/sync/v1/devices/copy", headers: auth, body: Self.bytes(copy.body()))
            #expect(answer.status == 201)
            let copied = try DeviceEnrolmentResponse(body: Array(answer.body))
            answer = try await recorder.call(client, .post, "/sync/v1/devices/copy", headers: auth, body: Self.bytes(copy.body()))
            #expect(answer.status == 201 && (try? DeviceEnrolmentResponse(body: Array(answer.body)))?.device == copied.device,
                    "the same request again (a lost answer) gets the same device")
            var otherCopy = copy
            otherCopy.token = SessionToken.generate().text
            answer = try await recorder.call(client, .post, "/sync/v1/devices/copy", headers: auth, body: Self.bytes(otherCopy.body()))
            #expect(answer.status == 409 && answer.errorCode == .replicaInUse, "the copy's replica is in use now")
            otherCopy.token = "short"
            answer = try await recorder.call(client, .post, "/sync/v1/devices/copy", headers: auth, body: Self.bytes(otherCopy.body()))
            #expect(answer.status == 400 && answer.errorCode == .invalidSyncMessage)
            _ = try store.revokeDevice(copied.device, nowMs: 2)
            answer = try await recorder.call(client, .post, "/sync/v1/pull", headers: [.authorization: "Bearer \(copied.token)"],
                                             body: Self.bytes(PullRequest(replica: copy.replica, limit: 10, partitions: []).body()))
            #expect(answer.status == 403 && answer.errorCode == .deviceRevoked)

            // A learner fetch checks the PIN.
            answer = try await recorder.call(client, .post, "/sync/v1/learners/fetch", headers: auth,
                                             body: Self.bytes(LearnerFetchRequest(learner: ana.id, pin: "000000").body()))
            #expect(answer.errorCode == .wrongPIN)
            answer = try await recorder.call(client, .post, "/sync/v1/learners/fetch", headers: auth,
                                             body: Self.bytes(LearnerFetchRequest(learner: ana.id, pin: pin).body()))
            #expect(answer.status == 200)

            // A PIN reset: a made-up code is refused; the admin's code with a claim signed by the
            // new key answers the learner with the repository's reset statement.
            let newKey = SigningKey.generate()
            var record = ana
            record.pinHash = "bmV3LWhhc2g"
            let holderKey = WireHolderKey(did: newKey.didKey.did, sealed: "c2VhbGVk", salt: "c2FsdA", cost: ScryptCost(logN: 4))
            record.holderKey = holderKey
            record.claim = try WireLearnerClaim(learner: record, holderKey: holderKey, generation: 0, replica: nil, issuedMs: 1)
                .signed { try newKey.signature(for: $0) }
            answer = try await recorder.call(client, .post, "/sync/v1/learners/reset", headers: auth,
                                             body: Self.bytes(LearnerResetRequest(learner: ana.id, code: "AAAA-BBBB-CCCC-DDDD", record: record).body()))
            #expect(answer.status == 403 && answer.errorCode == .resetCodeRefused)
            #expect(try store.addResetCode("K7QF-3MZP-XD2A-9WRB", learnerID: ana.id, assessor: "Eva Berger", nowMs: SQLiteRepositoryStore.systemNowMs(),
                                           expiresMs: SQLiteRepositoryStore.systemNowMs() + 60_000))
            answer = try await recorder.call(client, .post, "/sync/v1/learners/reset", headers: auth,
                                             body: Self.bytes(LearnerResetRequest(learner: ana.id, code: "K7QF-3MZP-XD2A-9WRB", record: record).body()))
            let reset = try LearnerFetchResponse(body: Array(answer.body)).learner
            #expect(answer.status == 200 && reset.holderKey?.did == newKey.didKey.did && reset.reset?["type"]?.stringValue == LearnerResetStatement.type)

            // The audit anchor: none at first, then the head shown; a malformed one is refused.
            answer = try await recorder.call(client, .get, "/sync/v1/audit/anchor", headers: auth)
            #expect(answer.status == 200 && (try? AuditAnchorResponse(body: Array(answer.body)))?.anchor == nil)
            let head = AuditAnchor(seq: 3, hash: String(repeating: "c4", count: 32))
            answer = try await recorder.call(client, .post, "/sync/v1/audit/anchor", headers: auth,
                                             body: Self.bytes(AuditAnchorRequest(head: head, since: nil).body()))
            #expect(answer.status == 200 && (try? AuditAnchorResponse(body: Array(answer.body)))?.anchor?.seq == 3)
            answer = try await recorder.call(client, .post, "/sync/v1/audit/anchor", headers: auth,
                                             body: Data(#"{"format":1,"head":{"seq":3,"hash":"not hex"}}"#.utf8))
            #expect(answer.status == 400 && answer.errorCode == .invalidSyncMessage)
        }

        let registered = RouteRecorder.registered(router)
        #expect(registered == RouteRecorder.documented(document), "the router and GET /openapi.json list different routes")
        #expect(registered.subtracting(recorder.called).isEmpty, "routes no in-process test calls: \(registered.subtracting(recorder.called).sorted())")
    }
}
