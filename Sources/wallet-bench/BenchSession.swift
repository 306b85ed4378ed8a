import Basics
import CurlClient
import Foundation
import WalletAPI

/// The learner and session the benchmark writes as, created fresh in the daemon under test.
struct BenchSession: Sendable {
    var socket: String
    var token: String
    var learner: LearnerSummary
    var health: HealthResponse

    struct Failure: Error { let message: String }

    /// Checks walletd answers, creates a learner with a throw-away PIN and logs it in.
    static func open(socket: String) throws(Failure) -> BenchSession {
        let connection = CurlConnection(unixSocketPath: socket, connectTimeout: .seconds(5))
        let health: HealthResponse = try call(connection, .get, "/v1/health", body: nil)
        let pin = "bench-\(UUID().uuidString.prefix(8))"
        let learner: LearnerSummary = try call(
            connection, .post, "/v1/learners",
            body: CreateLearnerRequest(name: "bench \(UUID().uuidString.prefix(8).lowercased())", pin: pin)
        )
        let session: SessionResponse = try call(
            connection, .post, "/v1/sessions", body: CreateSessionRequest(learner: learner.id, pin: pin)
        )
        return BenchSession(socket: socket, token: session.token, learner: learner, health: health)
    }

    /// Ends the session; the learner stays (the daemon under test uses a throw-away data folder).
    func close() {
        let connection = CurlConnection(unixSocketPath: socket, connectTimeout: .seconds(5))
        var request = HTTPRequest(method: .delete, url: "http://localhost/v1/sessions/current", timeout: .seconds(10))
        request.headers["Authorization"] = "Bearer \(token)"
        _ = try? connection.perform(request)
    }

    private static func call<Answer: Decodable>(
        _ connection: CurlConnection, _ method: HTTPMethod, _ path: String, body: (any Encodable)?
    ) throws(Failure) -> Answer {
        var request = HTTPRequest(method: method, url: "http://localhost" + path, timeout: .seconds(60))
        if let body {
            request.body = try? JSONEncoder().encode(body)
            request.headers["Content-Type"] = "application/json"
        }
        let response: HTTPResponse
        do {
            response = try connection.perform(request)
        } catch {
            throw Failure(message: "\(method.rawValue) \(path): \(error)")
        }
        guard response.isSuccess else {
            let detail = (try? JSONDecoder().decode(APIErrorBody.self, from: response.body))?.error.message ?? ""
            throw Failure(message: "\(method.rawValue) \(path): HTTP \(response.status) \(detail)")
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: response.body)
        } catch {
            throw Failure(message: "\(method.rawValue) \(path): unexpected answer: \(error)")
        }
    }
}
