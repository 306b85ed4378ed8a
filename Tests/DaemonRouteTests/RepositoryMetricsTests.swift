import Basics
import DaemonKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RepositoryCore
import SecurityPrimitives
import SyncEngine
import Synchronization
import Testing
import TestSupport
@testable import RepositoryDaemon

/// repositoryd's `GET /metrics`: who may read it (loopback, the token), what the sync routes
/// count, and that no label takes a value outside its fixed set.
@Suite("repositoryd metrics")
struct RepositoryMetricsTests {
    static let token = "metrics-token-0123456789abcdef"

    static func get(_ client: some TestClientProtocol, _ headers: HTTPFields = [:]) async throws -> (status: Int, code: ErrorCode?, text: String, type: String?) {
        try await client.execute(uri: "/metrics", method: .get, headers: headers) { response in
            let body = Data(buffer: response.body)
            return (Int(response.status.code), try? JSONDecoder().decode(APIErrorBody.self, from: body).error.code,
                    String(decoding: body, as: UTF8.self), response.headers[.contentType])
        }
    }

    /// Over a real TCP connection to 127.0.0.1: loopback is answered without a token; with a
    /// token configured, every caller (loopback too) must send it.
    @Test func metricsAnswerLoopbackAndTheTokenOnly() async throws {
        let open = try RepositorydRouteTests.harness(metrics: RepositoryMetrics(), access: MetricsAccess(token: nil))
        defer { try? FileManager.default.removeItem(atPath: (open.store.path as NSString).deletingLastPathComponent) }
        try await Application(router: open.router).test(.live) { client in
            let answer = try await Self.get(client)
            #expect(answer.status == 200)
            #expect(answer.type?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(answer.text.contains("# TYPE repositoryd_pushes_total counter"))
        }
        let guarded = try RepositorydRouteTests.harness(metrics: RepositoryMetrics(), access: MetricsAccess(token: MetricsToken(text: Self.token)))
        defer { try? FileManager.default.removeItem(atPath: (guarded.store.path as NSString).deletingLastPathComponent) }
        try await Application(router: guarded.router).test(.live) { client in
            var answer = try await Self.get(client)
            #expect(answer.status == 401 && answer.code == .unauthenticated)
            answer = try await Self.get(client, [.authorization: "Bearer \(Self.token.dropLast())x"])
            #expect(answer.status == 401 && answer.code == .unauthenticated)
            answer = try await Self.get(client, [.authorization: "Bearer \(Self.token)"])
            #expect(answer.status == 200 && answer.text.contains("repositoryd_live_devices"))
        }
        // In process a caller has no address: not loopback; the token still opens the door.
        try await Application(router: guarded.router).test(.router) { client in
            let answer = try await Self.get(client, [.authorization: "Bearer \(Self.token)"])
            #expect(answer.status == 200)
        }
    }

    @Test func loopbackIsOnlyTheLoopbackAddresses() throws {
        for address in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"] {
            #expect(MetricsAccess.isLoopback(try SocketAddress(ipAddress: address, port: 1)), "\(address)")
        }
        for address in ["10.0.0.1", "192.168.1.20", "128.0.0.1", "::2", "fe80::1", "::ffff:10.0.0.1"] {
            #expect(!MetricsAccess.isLoopback(try SocketAddress(ipAddress: address, port: 1)), "\(address)")
        }
        #expect(!MetricsAccess.isLoopback(nil))
    }

    @Test func theTokenMatchesExactly() throws {
        let token = MetricsToken(text: Self.token)
        #expect(token.matches(Self.token))
        for wrong in ["", String(Self.token.dropLast()), Self.token + "0", "X" + Self.token.dropFirst(), Self.token.uppercased()] {
            #expect(!token.matches(wrong), "\(wrong)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-token-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "  \(Self.token)\n".write(toFile: folder + "/good", atomically: true, encoding: .utf8)
        #expect(try MetricsToken.load(path: folder + "/good").matches(Self.token))
        try "short\n".write(toFile: folder + "/short", atomically: true, encoding: .utf8)
        #expect(throws: StartupError.self) { try MetricsToken.load(path: folder + "/short") }
        #expect(throws: StartupError.self) { try MetricsToken.load(path: folder + "/missing") }
    }

    /// A push and a pull through the routes move their counters; refusals count by code, also the
    /// device check's, which runs after the metrics middleware.
    @Test func theSyncRoutesCountOutcomesAndStatements() async throws {
        let metrics = RepositoryMetrics()
        let (router, store) = try RepositorydRouteTests.harness(metrics: metrics, access: MetricsAccess(token: nil))
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        let code = "K7QF-3MZP-XD2A-0001", token = SessionToken.generate().text
        try store.addEnrolmentCode(code, label: nil, nowMs: 1, expiresMs: Int64.max / 2)
        let device = try #require(try await store.enrol(code: code, replica: ReplicaID("pc-metrics"), name: "PC", token: token, nowMs: 2))
        let ana = try Self.learner()
        let statements = (0..<3).map { _ in RepositorydAuditWorld.statement(UUID().uuidString.lowercased()) }
        let push = PushRequest(replica: device.replica, learner: ana, statements: statements, records: [])
        let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        try await Application(router: router).test(.router) { client in
            func post(_ path: String, _ body: [UInt8], _ headers: HTTPFields) async throws -> Int {
                try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body)) { Int($0.status.code) }
            }
            let pull = PullRequest(replica: device.replica, limit: 100, partitions: [.init(learner: ana.id, since: 0)])
            let statuses = [
                try await post("/sync/v1/push", push.body(), [.contentType: "application/json"]),
                try await post("/sync/v1/push", push.body(), auth),
                try await post("/sync/v1/push", push.body(), auth),  // the same batch again: answered from the log
                try await post("/sync/v1/push", Array("{}".utf8), auth),
                try await post("/sync/v1/pull", pull.body(), auth),
            ]
            #expect(statuses == [401, 200, 200, 400, 200])
        }
        let samples = PrometheusSamples(text: metrics.text())
        #expect(samples.value("repositoryd_pushes_total", ["outcome": "ok"]) == 2)
        #expect(samples.value("repositoryd_pushes_total", ["outcome": "refused", "code": "unauthenticated"]) == 1)
        #expect(samples.value("repositoryd_pushes_total", ["outcome": "refused", "code": "invalid_sync_message"]) == 1)
        #expect(samples.value("repositoryd_pushes_total", ["outcome": "error"]) == 0)
        #expect(samples.value("repositoryd_pulls_total", ["outcome": "ok"]) == 1)
        #expect(samples.value("repositoryd_statements_in_total", ["result": "received"]) == 6)
        #expect(samples.value("repositoryd_statements_in_total", ["result": "accepted"]) == 3)
        #expect(samples.value("repositoryd_statements_in_total", ["result": "replayed"]) == 3)
        #expect(samples.value("repositoryd_push_duration_seconds_count") == 4)
        #expect(samples.value("repositoryd_pull_duration_seconds_count") == 1)
        #expect(samples.value("repositoryd_live_devices") == 1)
        #expect(samples.value("repositoryd_store_errors_total", ["operation": "push"]) == 0)
        // The device pushed its own statements: a pull leaves them out.
        #expect(samples.value("repositoryd_statements_out_total") == 0)
    }

    static func learner() throws -> WireLearner {
        let salt = Data("metrics-salt".utf8)
        let hash = try PINHash.make(pin: "246813", cost: ScryptCost(logN: 4), salt: salt)
        return WireLearner(id: RepositorydAuditWorld.learnerID, name: "Ana", pinSalt: Base64URL.encode(salt), pinHash: Base64URL.encode(hash.hash),
                           pinCost: ScryptCost(logN: 4), createdMs: 1)
    }

    /// Label cardinality: whatever refusals and errors happen, each label takes values from a
    /// fixed set: operations, outcomes, the error codes and 4xx statuses.
    @Test func labelsComeFromFixedSets() {
        let metrics = RepositoryMetrics()
        var random = SplitMix(seed: 12)
        let codes = ErrorCode.allCases
        for _ in 0..<2_000 {
            let status = 100 + Int(random.next() % 500)
            let operation: RepositoryMetrics.Operation = random.next() % 2 == 0 ? .push : .pull
            let error: any Error = random.next() % 3 == 0
                ? APIError(HTTPResponse.Status(code: status), codes[Int(random.next() % UInt64(codes.count))], "x")
                : HTTPError(HTTPResponse.Status(code: status))
            metrics.record(operation, SyncMetricsMiddleware.outcome(of: error), took: .milliseconds(3))
            metrics.record(operation, SyncMetricsMiddleware.outcome(status: status), took: .milliseconds(3))
        }
        metrics.record(.issued(credential: "urn:uuid:1", learner: "ana", course: "c", awardingBody: "b"))
        metrics.record(.failed(learner: "ana", reason: "x"))
        let text = metrics.text()
        #expect(!text.contains("ana"), "no learner in a label")
        let samples = PrometheusSamples(text: text)
        let allowedCodes = Set(codes.map(\.rawValue) + (400..<500).map { "http_\($0)" })
        for name in ["repositoryd_pushes_total", "repositoryd_pulls_total"] {
            for labels in samples.labelSets(name) {
                #expect(["ok", "refused", "error"].contains(labels["outcome"] ?? ""), "\(labels)")
                #expect(Set(labels.keys).isSubset(of: ["outcome", "code"]))
                if let code = labels["code"] { #expect(allowedCodes.contains(code), "\(code)") }
            }
        }
        #expect(samples.value("repositoryd_credentials_issued_total") == 1)
        #expect(samples.value("repositoryd_issuance_failures_total") == 1)
        #expect(SyncMetricsMiddleware.outcome(of: CancellationError()) == .error)
        #expect(SyncMetricsMiddleware.outcome(of: APIError(.forbidden, .deviceRevoked, "x")) == .refused(code: "device_revoked"))
        #expect(SyncMetricsMiddleware.outcome(of: APIError(.serviceUnavailable, .busy, "x")) == .error)
    }

    @Test func liveDevicesAreThoseSeenInTheWindow() {
        let now = Mutex<Int64>(0)
        let live = LiveDevices(windowMs: 15 * 60_000, nowMs: { now.withLock { $0 } })
        live.saw("a")
        live.saw("b")
        live.saw("a")
        #expect(live.count() == 2)
        now.withLock { $0 = 10 * 60_000 }
        live.saw("c")
        #expect(live.count() == 3)
        now.withLock { $0 = 16 * 60_000 }
        #expect(live.count() == 1, "a and b were last seen 16 minutes ago")
    }
}
