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
        // Health answers even when the database cannot be read: it is where an admin looks first.
        var counts = (learners: 0, statements: 0, activeSessions: 0)
        var unreadable = false
        do {
            counts = try await store.counts(nowMs: clock.nowMs())
        } catch {
            guard WalletStore.storageFault(of: error) != nil else { throw error }
            unreadable = true
        }
        let fault = store.storage.fault
        var message = fault?.healthMessage(daemon: "walletd")
        if unreadable { message = (message ?? "") + " (The counts could not be read and show 0.)" }
        let body = HealthResponse(
            status: fault == nil ? "ok" : "degraded", version: WalletVersion.string, xapiVersion: XAPI.currentVersion,
            dataDirectory: configuration.dataDirectory, socket: configuration.socketPath,
            durability: store.durability.rawValue,
            counts: .init(learners: counts.learners, statements: counts.statements, activeSessions: counts.activeSessions),
            storage: store.storage.word, storageMessage: message)
        return JSONResponse.make(status: .ok, body: body)
    }
}
