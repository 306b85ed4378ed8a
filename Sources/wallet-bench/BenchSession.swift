import Foundation
import WalletAPI
import WalletClient

/// The learner and session the benchmark writes as, created fresh in the daemon under test.
struct BenchSession: Sendable {
    var socket: String
    var token: String
    var learner: LearnerSummary
    var health: HealthResponse

    struct Failure: Error { let message: String }

    /// Checks walletd answers, creates a learner with a throw-away PIN and logs it in.
    static func open(socket: String) throws(Failure) -> BenchSession {
        let client = WalletdClient(socketPath: socket, timeout: .seconds(60))
        let pin = "bench-\(UUID().uuidString.prefix(8))"
        let health = try step(Endpoints.health) { try client.call(Endpoints.health) }
        let learner = try step(Endpoints.createLearner) {
            try client.call(Endpoints.createLearner, body: CreateLearnerRequest(name: "bench \(UUID().uuidString.prefix(8).lowercased())", pin: pin))
        }
        let session = try step(Endpoints.login) {
            try client.call(Endpoints.login, body: CreateSessionRequest(learner: learner.id, pin: pin))
        }
        return BenchSession(socket: socket, token: session.token, learner: learner, health: health)
    }

    /// Ends the session; the learner stays (the daemon under test uses a throw-away data folder).
    func close() {
        _ = try? WalletdClient(socketPath: socket, timeout: .seconds(10)).call(Endpoints.logout, token: token)
    }

    /// One set-up call, its failure named by the route: `POST /v1/learners: walletd answered HTTP 400 …`.
    static func step<Body, Answer, Result>(_ endpoint: Endpoint<Body, Answer>, _ exchange: () throws -> Result) throws(Failure) -> Result {
        do {
            return try exchange()
        } catch {
            throw Failure(message: "\(endpoint.method.rawValue) \(endpoint.template): \(error)")
        }
    }
}

extension BenchSession.Failure: CustomStringConvertible {
    var description: String { message }
}
