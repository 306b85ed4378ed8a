import Basics
import Catalog
import Credentials
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import RepositoryCore
import SecurityPrimitives
import SyncEngine
@testable import RepositoryDaemon

/// A repository with a catalog and three enrolled devices: one that holds learner A (the owner),
/// one that holds nobody, and one that held A (it pushed A's statement and profile record) and was
/// revoked. Every request is about A.
struct RepositorydAuditWorld: AuditWorld {
    static let document = RepositoryAPIDocument.make()
    static let learnerID = "ana-audit"
    static let statementID = "7a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d"
    static let recordValue = "ana.repository.canary@example.org"
    static let pin = "246813"

    let store: SQLiteRepositoryStore
    let recorder: RouteRecorder
    let ana: WireLearner
    let devices: [AuditCaller: (device: EnrolledDevice, token: String)]
    /// An unused enrolment code, for the enrolment route.
    let code: String
    let statusSlug: String

    var owner: String { Self.learnerID }
    var canaries: [AuditCanary: String] { [.learnerID: Self.learnerID, .statement: Self.statementID, .record: Self.recordValue] }

    static func make(_ client: some TestClientProtocol, store: SQLiteRepositoryStore) async throws -> RepositorydAuditWorld {
        let catalog = try CatalogFile.load(path: RepositorydRouteTests.catalogFile)
        try store.importCatalog(json: catalog.json, version: catalog.version, nowMs: 1)
        var devices: [AuditCaller: (device: EnrolledDevice, token: String)] = [:]
        for (number, caller) in [AuditCaller.device, .otherDevice, .revokedDevice].enumerated() {
            let code = "K7QF-3MZP-XD2A-000\(number)", token = SessionToken.generate().text
            try store.addEnrolmentCode(code, label: nil, nowMs: 1, expiresMs: Int64.max / 2)
            let device = try #require(try await store.enrol(code: code, replica: ReplicaID("pc-audit-\(caller.rawValue.lowercased())"), name: "\(caller)", token: token, nowMs: 2))
            devices[caller] = (device, token)
        }
        let salt = Data("audit-salt".utf8)
        let hash = try PINHash.make(pin: pin, cost: ScryptCost(logN: 4), salt: salt)
        let ana = WireLearner(id: learnerID, name: "Ana", pinSalt: Base64URL.encode(salt), pinHash: Base64URL.encode(hash.hash),
                              pinCost: ScryptCost(logN: 4), createdMs: 1)
        // A's data comes from the device that is revoked below, so that the owner's pull brings it
        // (a pull leaves out what the asking device pushed itself).
        let revoked = try #require(devices[.revokedDevice])
        let record = WireRecord(key: "profile/email", state: RegisterState().writing(.string(recordValue), by: revoked.device.replica, seen: VersionVector()))
        _ = try store.push(PushRequest(replica: revoked.device.replica, learner: ana, statements: [statement(statementID)], records: [record]),
                           device: revoked.device.id)
        try store.link(device: try #require(devices[.device]).device.id, learner: learnerID)
        _ = try store.revokeDevice(revoked.device.id, nowMs: 3)

        let code = "K7QF-3MZP-XD2A-0009"
        try store.addEnrolmentCode(code, label: nil, nowMs: 1, expiresMs: Int64.max / 2)
        let trustList = try await client.execute(uri: "/trust-list", method: .get) { try JSONValue(data: Data(buffer: $0.body)) }
        let slug = try #require(try TrustListContent(json: trustList).awardingBodies.first?.slug, "the sample catalog names awarding bodies")
        return RepositorydAuditWorld(store: store, recorder: RouteRecorder(document: document), ana: ana, devices: devices, code: code, statusSlug: slug)
    }

    /// A statement of A's, as walletd pushes it.
    static func statement(_ id: String) -> WireStatement {
        let agent = #"{"account":{"homePage":"https://learner-wallet.invalid/learners","name":"\#(learnerID)"},"objectType":"Agent"}"#
        return WireStatement(id: id, json: #"{"actor":\#(agent),"authority":\#(agent),"id":"\#(id)","#
            + #""object":{"id":"https://catalog.vet-centre.example/x"},"stored":"2026-12-01T09:00:00.000Z","#
            + #""verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"}}"#)
    }

    func credentials(_ caller: AuditCaller) -> HTTPFields {
        devices[caller].map { [.authorization: "Bearer \($0.token)"] } ?? [:]
    }

    /// The replica a caller's sync messages name: its own (a device speaks for its replica only);
    /// a caller without a token sends the owner's.
    func replica(_ caller: AuditCaller) -> ReplicaID {
        (devices[caller] ?? devices[.device])?.device.replica ?? ReplicaID("pc-audit-none")
    }

    func request(_ cell: AuditCell) throws -> AuditRequest {
        let replica = replica(cell.caller)
        switch cell.route {
        case "GET /health", "GET /openapi.json", "GET /metrics", "GET /catalog", "GET /trust-list", "GET /contexts/microcredential-v1.jsonld",
             "GET /contexts/microcredential-v2.jsonld", "GET /verify",
             "GET /sync/v1/catalog", "GET /sync/v1/audit/anchor":
            return AuditRequest(path: cell.template)
        case "GET /status/{slug}":
            return AuditRequest(path: "/status/" + statusSlug)
        case "POST /verify":
            return AuditRequest(path: cell.template, headers: [.contentType: "application/x-www-form-urlencoded"], body: Data("export=%7B%7D".utf8))
        case "POST /sync/v1/devices":
            return AuditRequest(path: cell.template, body: Data(DeviceEnrolmentRequest(code: code, replica: ReplicaID("pc-audit-new"), name: "new PC").body()))
        case "POST /sync/v1/devices/copy":
            let copy = DeviceCopyRequest(replica: ReplicaID("pc-audit-copy"), name: "copied PC", token: SessionToken.generate().text)
            return AuditRequest(path: cell.template, body: Data(copy.body()))
        case "POST /sync/v1/devices/token":
            return AuditRequest(path: cell.template, body: Data(DeviceTokenRotationRequest(token: SessionToken.generate().text).body()))
        case "POST /sync/v1/push":
            let push = PushRequest(replica: replica, learner: ana, statements: [Self.statement(UUID().uuidString.lowercased())], records: [])
            return AuditRequest(path: cell.template, body: Data(push.body()))
        case "POST /sync/v1/pull":
            let pull = PullRequest(replica: replica, limit: 100, partitions: [.init(learner: Self.learnerID, since: 0)])
            return AuditRequest(path: cell.template, body: Data(pull.body()))
        case "POST /sync/v1/audit/anchor":
            let head = AuditAnchor(seq: 1, hash: String(repeating: "ab", count: 32))
            return AuditRequest(path: cell.template, body: Data(AuditAnchorRequest(head: head, since: nil).body()))
        case "POST /sync/v1/learners/reset":
            return AuditRequest(path: cell.template, body: Data(LearnerResetRequest(learner: Self.learnerID, code: "AAAA-BBBB-CCCC-DDDD", record: ana).body()))
        case "POST /sync/v1/learners/fetch":
            return AuditRequest(path: cell.template, body: Data(LearnerFetchRequest(learner: Self.learnerID, pin: Self.pin).body()))
        default:
            throw AuditRunner.MissingRequest(route: cell.route)
        }
    }

    /// A's history and PIN hash as the store gives them to the device that holds A.
    func ownerState(_ client: some TestClientProtocol) async throws -> String {
        let holder = try #require(devices[.device])
        let pulled = try store.pull(PullRequest(replica: holder.device.replica, limit: 1_000, partitions: [.init(learner: Self.learnerID, since: 0)]),
                                    device: holder.device.id)
        let learner = try store.learner(id: Self.learnerID)?.learner
        return String(decoding: pulled.body(), as: UTF8.self) + "\n" + String(describing: learner)
    }
}
