import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import WalletCore

/// Composition root: takes the locks, opens the store, builds the router and serves it on the
/// Unix socket until SIGTERM/SIGINT, then shuts down gracefully (in-flight requests finish).
///
/// ```swift
/// try await WalletdServer(configuration: config, logger: logger).run()
/// ```
struct WalletdServer {
    let configuration: WalletdConfiguration
    let logger: Logger
    var clock = WallClock.system

    func run() async throws {
        SocketFolder.setUmask(group: configuration.socketGroup)
        try SocketFolder.prepareDataDirectory(configuration.dataDirectory)
        let dataLock = try DaemonLock.acquire(path: configuration.dataDirectory + "/walletd.lock", what: "data folder \(configuration.dataDirectory)")
        let gid = try SocketFolder.prepare(socketPath: configuration.socketPath, group: configuration.socketGroup)
        let socketLock = try DaemonLock.acquire(path: configuration.socketPath + ".lock", what: "socket \(configuration.socketPath)")

        let store: WalletStore
        do {
            store = try WalletStore(directory: configuration.dataDirectory, durability: configuration.durability)
        } catch {
            throw StartupError(message: "cannot open the database in \(configuration.dataDirectory): \(error)", exitCode: 73)
        }

        let router = makeRouter(store: store)
        let socketPath = configuration.socketPath
        let logger = self.logger
        let app = Application(
            router: router,
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "walletd"),
            onServerRunning: { _ in
                SocketFolder.finish(socketPath: socketPath, gid: gid)
                logger.info("walletd ready", metadata: ["socket": "\(socketPath)", "data": "\(store.path)", "durability": "\(store.durability.rawValue)"])
            },
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        unlink(socketPath)
        logger.info("walletd stopped")
        withExtendedLifetime((dataLock, socketLock)) {}
    }

    func makeRouter(store: WalletStore) -> Router<WalletRequestContext> {
        let router = Router(context: WalletRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        let authenticator = SessionAuthenticator(store: store, idleMs: configuration.sessionIdleMs, clock: clock)
        HealthRoutes(store: store, configuration: configuration, clock: clock).register(on: router)
        LearnerRoutes(store: store, configuration: configuration, clock: clock).register(on: router)
        SessionRoutes(store: store, authenticator: authenticator, clock: clock).register(on: router)
        ProgressRoutes(store: store, authenticator: authenticator).register(on: router)
        StatementRoutes(store: store, authenticator: authenticator, clock: clock, maxBodyBytes: configuration.maxBodyBytes).register(on: router)
        return router
    }
}
