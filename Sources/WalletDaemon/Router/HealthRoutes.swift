import Hummingbird
import WalletAPI
import WalletCore
import Basics
import DaemonKit

/// `GET /v1/health`: open to anyone who can reach the socket; it shows counts, never learner data.
struct HealthRoutes: Sendable {
    let store: WalletStore
    let configuration: WalletdConfiguration
    let clock: WallClock

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.health) { _, _ in try await health() }
    }

    func health() async throws -> Response {
        let counts = try await store.counts(nowMs: clock.nowMs())
        let body = HealthResponse(
            status: "ok", version: WalletVersion.string, xapiVersion: XAPI.currentVersion,
            dataDirectory: configuration.dataDirectory, socket: configuration.socketPath,
            durability: store.durability.rawValue,
            counts: .init(learners: counts.learners, statements: counts.statements, activeSessions: counts.activeSessions))
        return JSONResponse.make(status: .ok, body: body)
    }
}
