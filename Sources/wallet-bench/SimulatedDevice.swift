import Basics
import Credentials
import CurlClient
import Foundation
import SecurityPrimitives
import SyncEngine

/// One simulated centre PC of `wallet-bench repository`: enrolled with its own code, holding one
/// learner of its own, speaking the sync protocol (docs/SYNC.md) directly over libcurl. It leaves
/// from its own loopback address (127.0.x.y), as PCs on a network have their own, because the
/// repository limits enrolments per client address.
///
/// ```swift
/// let device = try SimulatedDevice.enrol(number: 0, url: "http://127.0.0.1:8443", code: "K7QF-3MZP-XD2A-9WLB")
/// let answer = try device.push(device.statements(count: 1000), over: connection)
/// ```
struct SimulatedDevice: Sendable {
    let number: Int
    let url: String
    let replica: ReplicaID
    let token: String
    let learner: WireLearner

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// 127.0.0.1 is left to everyone else; device n leaves from 127.0.(n / 250).(n % 250 + 2).
    static func localAddress(of number: Int) -> String { "127.0.\(number / 250).\(number % 250 + 2)" }

    func connection() -> CurlConnection {
        CurlConnection(connectTimeout: .seconds(10), userAgent: "wallet-bench", localAddress: Self.localAddress(of: number))
    }

    /// `POST /sync/v1/devices` with `code`, and a learner of its own: a bound (v8) id with a
    /// claim signed by the learner's holder key, which is what lets the hub create them at the
    /// first push (as in the integration tests' HostileDevice).
    static func enrol(number: Int, url: String, code: String) throws -> SimulatedDevice {
        let replica = ReplicaID("bench-pc-\(number)-" + UUID().uuidString.prefix(8).lowercased())
        let request = DeviceEnrolmentRequest(code: code, replica: replica, name: "bench-pc-\(number)")
        let connection = CurlConnection(connectTimeout: .seconds(10), userAgent: "wallet-bench", localAddress: localAddress(of: number))
        let answer = try connection.perform(HTTPRequest(method: .post, url: url + "/sync/v1/devices",
                                                        headers: ["Content-Type": SyncWireFormat.mediaType], body: Data(request.body())))
        guard answer.status == 201 else {
            throw Failure(description: "enrolment of PC \(number) at \(url): HTTP \(answer.status) \(String(decoding: answer.body.prefix(300), as: UTF8.self))")
        }
        let enrolled = try DeviceEnrolmentResponse(body: answer.body)
        return SimulatedDevice(number: number, url: url, replica: replica, token: enrolled.token, learner: try makeLearner(number: number))
    }

    static func makeLearner(number: Int) throws -> WireLearner {
        let key = SigningKey.generate()
        // The repository keeps the PIN hash and sealed key as given; they need not open.
        let holderKey = WireHolderKey(did: key.didKey.did, sealed: "c2VhbGVk", salt: "c2FsdA", cost: ScryptCost(logN: 10))
        var learner = WireLearner(id: BoundLearnerID.make(holderDID: key.didKey.did), name: "Bench learner \(number)",
                                  pinSalt: "c2FsdA", pinHash: "YmVuY2g", pinCost: ScryptCost(logN: 10),
                                  createdMs: Int64(Date().timeIntervalSince1970 * 1000), holderKey: holderKey)
        learner.claim = try WireLearnerClaim(learner: learner, holderKey: holderKey, generation: 0, replica: nil, issuedMs: learner.createdMs)
            .signed { bytes in try key.signature(for: bytes) }
        return learner
    }

    /// The push bodies of `count` new statements, `batch` per request, made before the clock starts.
    func pushBodies(count: Int, batch: Int) -> [Data] {
        let statements = SyncStatementFactory(learner: learner.id, device: number).statements(count: count)
        return stride(from: 0, to: count, by: batch).map { start in
            let slice = Array(statements[start..<min(start + batch, count)])
            return Data(PushRequest(replica: replica, learner: learner, statements: slice, records: []).body())
        }
    }

    /// One push; the number of statements the hub accepted.
    func push(_ body: Data, over connection: CurlConnection) throws -> Int {
        let answer = try connection.perform(request("/sync/v1/push", body: body))
        guard answer.status == 200 else { throw failure("push", answer) }
        return try PushResponse(body: answer.body).accepted
    }

    /// One pull of this PC's own statements of its learner (`own`: a pull otherwise leaves out
    /// what the asker pushed) after `since`: (statements, next, more).
    func pull(since: Int64, limit: Int, over connection: CurlConnection) throws -> (statements: Int, next: Int64, more: Bool) {
        let body = PullRequest(replica: replica, limit: limit, partitions: [.init(learner: learner.id, since: since, own: true)]).body()
        let answer = try connection.perform(request("/sync/v1/pull", body: Data(body)))
        guard answer.status == 200 else { throw failure("pull", answer) }
        let pulled = try PullResponse(body: answer.body)
        guard let partition = pulled.partitions.first(where: { $0.learner == learner.id }) else {
            throw Failure(description: "pull of PC \(number): no partition for its learner")
        }
        if let refusal = partition.refusal { throw Failure(description: "pull of PC \(number) refused: \(refusal)") }
        return (partition.statements.count, partition.next, partition.more)
    }

    /// Opens the keep-alive connection before a timed phase.
    func warmUp(_ connection: CurlConnection) throws {
        let answer = try connection.perform(HTTPRequest(url: url + "/health", timeout: .seconds(30)))
        guard answer.status == 200 else { throw failure("health", answer) }
    }

    private func request(_ path: String, body: Data) -> HTTPRequest {
        HTTPRequest(method: .post, url: url + path,
                    headers: ["Content-Type": SyncWireFormat.mediaType, "Authorization": "Bearer " + token],
                    body: body, timeout: .seconds(300), maxResponseBytes: 64 << 20)
    }

    private func failure(_ what: String, _ answer: HTTPResponse) -> Failure {
        Failure(description: "\(what) of PC \(number) at \(url): HTTP \(answer.status) \(String(decoding: answer.body.prefix(300), as: UTF8.self))")
    }
}
