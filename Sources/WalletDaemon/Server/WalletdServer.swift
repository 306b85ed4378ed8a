import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import WalletCore
import DaemonKit

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
    /// This server's counters (`GET /v1/metrics`): one registry per server, never a global one.
    var metrics = WalletdMetrics()

    static let ownFolders = "give this one its own --data-dir and --socket"

    func run() async throws {
        SocketFolder.setUmask(group: configuration.socketGroup)
        try SocketFolder.prepareDataDirectory(configuration.dataDirectory)
        let dataLock = try DataFolderLock.acquire(path: configuration.dataDirectory + "/walletd.lock", daemon: "walletd",
                                                  what: "data folder \(configuration.dataDirectory)", otherwise: Self.ownFolders)
        let gid = try SocketFolder.prepare(socketPath: configuration.socketPath, group: configuration.socketGroup)
        let socketLock = try DataFolderLock.acquire(path: configuration.socketPath + ".lock", daemon: "walletd",
                                                    what: "socket \(configuration.socketPath)", otherwise: Self.ownFolders)

        let store = try WalletStoreStartup.open(configuration.dataDirectory, durability: configuration.durability, logger: logger)

        if let change = store.replicaChange {
            logger.warning("replica id changed: \(change)", metadata: ["previousReplica": "\(change.previous)", "replica": "\(change.replica)"])
        }
        let clock = configuration.clockOffsetMs == 0 ? self.clock : WallClock { [base = self.clock, offset = configuration.clockOffsetMs] in base.nowMs() + offset }
        let admin = try AdminToken.loadOrCreate(dataDirectory: configuration.dataDirectory)
        let sync = try SyncService(store: store, configuration: configuration, clock: clock, logger: logger, metrics: metrics)
        let shared = SharedParts(store: store, configuration: configuration, clock: clock)
        let router = makeRouter(store: store, sync: sync, admin: admin, clock: clock, shared: shared)
        let socketPath = configuration.socketPath
        let logger = self.logger
        let app = Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [PeerCredentialsHandler()])),
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "walletd"),
            onServerRunning: { _ in
                SocketFolder.finish(socketPath: socketPath, gid: gid)
                logger.info("walletd ready", metadata: ["socket": "\(socketPath)", "data": "\(store.path)", "durability": "\(store.durability.rawValue)"])
            },
            logger: logger)
        var services: [any Service] = [app, sync]
        if let address = configuration.web, let bound = shared.webPort {
            // Lessons are launched from the page only.
            services.append(Cmi5SessionSweeper(store: store, clock: clock, logger: logger) { sync.localChange() })
            let webRouter = makeWebRouter(store: store, sync: sync, admin: admin, clock: clock, shared: shared) { address.acceptedHosts(boundPort: bound.port) }
            services.append(WebServer(address: address, dataDirectory: configuration.dataDirectory, logger: logger, router: webRouter, bound: bound).application())
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        // A stopped walletd leaves everything in wallet.sqlite and an empty log: a copy of that one
        // file is then the whole database, and a backup copied over it later is not overlaid with
        // newer frames of a stale write-ahead log (which would also hide the restore from the
        // replica binding).
        do { try store.checkpointForShutdown() } catch { logger.warning("could not fold the write-ahead log in at shutdown", metadata: ["error": "\(error)"]) }
        unlink(socketPath)
        logger.info("walletd stopped")
        withExtendedLifetime((dataLock, socketLock)) {}
    }

    /// What the socket's routes and the wallet page share: one session check, one keyring of
    /// opened holder keys, one PIN lock-out, the imported course packages, and the port the
    /// page's listener got (known once it runs: port 0 is the kernel's pick).
    struct SharedParts: Sendable {
        let authenticator: SessionAuthenticator
        let keyring = SessionKeyring()
        let pinCheck: PINCheck
        let content: ContentLibrary
        let web: WebAddress?
        let webPort: WebServer.BoundPort?

        init(store: WalletStore, configuration: WalletdConfiguration, clock: WallClock) {
            authenticator = SessionAuthenticator(store: store, policy: configuration.sessions, clock: clock)
            pinCheck = PINCheck(store: store, clock: clock)
            content = ContentLibrary(store: store, dataDirectory: configuration.dataDirectory)
            web = configuration.web
            webPort = configuration.web.map { WebServer.BoundPort($0.port) }
        }

        /// The page's address as a browser types it (`http://127.0.0.1:PORT/`), once it listens.
        var webURL: String? {
            guard let port = webPort?.port, port != 0 else { return nil }
            return web?.url(boundPort: port)
        }
    }

    func makeRouter(store: WalletStore, sync: SyncService, admin: AdminToken, clock: WallClock, shared: SharedParts) -> Router<WalletRequestContext> {
        let router = Router(context: WalletRequestContext.self)
        // First, so it counts answers as sent, refusals and errors included.
        router.add(middleware: RequestMetricsMiddleware(metrics: sync.metrics))
        router.add(middleware: JSONErrorMiddleware(responder: .walletd))
        let storageFaults = StorageFaultMiddleware<WalletRequestContext>(daemon: "walletd", condition: store.storage, classify: WalletStore.storageFault(of:))
        router.add(middleware: storageFaults)
        router.add(middleware: AccountRateLimitMiddleware(limits: .standard, clock: clock))
        let authenticator = shared.authenticator
        // Who may call a route is its endpoint's declared access; EndpointRoutes puts the
        // matching middleware in front of it.
        let routes = EndpointRoutes(parent: router.group(), authenticator: authenticator, adminToken: admin)
        // The xAPI middleware answers errors itself (with the version header), so storage faults
        // are turned into their answers inside it too; every answer then gets the statements
        // resource's consistency time.
        let xapiRoutes = EndpointRoutes(parent: xapiGroup(router, store: store, clock: clock), authenticator: authenticator, adminToken: admin, xapi: true)
        HealthRoutes(store: store, configuration: configuration, clock: clock).register(on: routes)
        OpenAPIRoutes().register(on: routes)
        let onChange: @Sendable () -> Void = { sync.localChange() }
        LearnerRoutes(store: store, configuration: configuration, clock: clock, onChange: onChange).register(on: routes)
        let keyring = shared.keyring
        let pinCheck = shared.pinCheck
        SessionRoutes(store: store, authenticator: authenticator, keyring: keyring, pinCost: configuration.pinCost, pinCheck: pinCheck)
            .register(on: routes)
        XAPICredentialRoutes(store: store, policy: authenticator.policy, keyring: keyring, clock: clock, web: { shared.webURL }).register(on: routes)
        ForgetRoutes(store: store, keyring: keyring, pinCheck: pinCheck, logger: logger).register(on: routes)
        PINChangeRoutes(store: store, keyring: keyring, pinCheck: pinCheck, pinCost: configuration.pinCost, onChange: onChange).register(on: routes)
        PINResetRoutes(store: store, keyring: keyring, pinCost: configuration.pinCost, clock: clock, onChange: onChange).register(on: routes)
        CredentialRoutes(store: store, keyring: keyring, clock: clock).register(on: routes)
        AttestationRoutes(store: store, keyring: keyring, clock: clock, onChange: onChange).register(on: routes)
        ProgressRoutes(store: store).register(on: routes)
        registerXAPI(on: xapiRoutes, store: store, clock: clock, onChange: onChange)
        SyncRoutes(store: store, sync: sync, admin: admin, clock: clock).register(on: routes)
        DeviceRoutes(store: store, sync: sync, clock: clock).register(on: routes)
        AuditRoutes(store: store, sync: sync).register(on: routes)
        ContentRoutes(library: shared.content, maxPackageBytes: configuration.maxPackageBytes, clock: clock).register(on: routes)
        LearnerFetchRoutes(store: store, sync: sync).register(on: routes)
        RecordRoutes(store: store, sync: sync).register(on: routes)
        CourseRoutes(store: store).register(on: routes)
        MetricsRoutes(metrics: sync.metrics).register(on: routes)
        return router
    }

    /// The xAPI resources, the same on the socket and on the loopback listener.
    func registerXAPI(on routes: EndpointRoutes, store: WalletStore, clock: WallClock, onChange: @escaping @Sendable () -> Void) {
        StatementRoutes(store: store, clock: clock, maxBodyBytes: configuration.maxBodyBytes, onChange: onChange).register(on: routes)
        XAPIDocumentRoutes(store: store, clock: clock).register(on: routes)
    }

    /// The xAPI middleware stack of both listeners: the version middleware answers errors itself
    /// (with the version header), so storage faults are turned into their answers inside it too;
    /// every answer then gets the statements resource's consistency time.
    func xapiGroup(_ router: Router<WalletRequestContext>, store: WalletStore, clock: WallClock) -> RouterGroup<WalletRequestContext> {
        let storageFaults = StorageFaultMiddleware<WalletRequestContext>(daemon: "walletd", condition: store.storage, classify: WalletStore.storageFault(of:))
        return router.group().add(middleware: XAPIConsistentThroughMiddleware(store: store, clock: clock))
            .add(middleware: XAPIVersionMiddleware()).add(middleware: storageFaults)
    }

    /// The wallet page's routes (`--http`): the pages, their style sheet; the same session check,
    /// keyring and PIN lock-out as the socket. And for launched content: the cmi5 fetch URL and the
    /// same xAPI resources as the socket under `/xapi/`, for cmi5 launch tokens and xAPI
    /// credentials (`LoopbackXAPIAuthenticator`), with CORS for those paths only.
    func makeWebRouter(store: WalletStore, sync: SyncService, admin: AdminToken, clock: WallClock, shared: SharedParts,
                       acceptedHosts: @escaping @Sendable () -> Set<String>) -> Router<WalletRequestContext> {
        let router = Router(context: WalletRequestContext.self)
        // First: a request that names another host (DNS rebinding) reaches nothing.
        router.add(middleware: HostCheckMiddleware(accepted: acceptedHosts))
        router.add(middleware: RequestMetricsMiddleware(metrics: sync.metrics))
        let site = WebSite(store: store, authenticator: shared.authenticator, clock: clock, logger: logger)
        router.add(middleware: WebNotFoundMiddleware(site: site))
        router.add(middleware: XAPICORSMiddleware())
        let cmi5 = Cmi5TokenAuthenticator(store: store, clock: clock)
        let xapi = LoopbackXAPIAuthenticator(sessions: shared.authenticator, cmi5: cmi5)
        registerXAPI(on: EndpointRoutes(parent: xapiGroup(router, store: store, clock: clock), adminToken: admin, authenticate: xapi.authenticate),
                     store: store, clock: clock, onChange: { sync.localChange() })
        router.post(RouterPath(Cmi5TokenAuthenticator.fetchPrefix + ":fetch")) { _, context in await cmi5.fetchAnswer(fetchID: context.parameters.get("fetch") ?? "") }
        let onChange: @Sendable () -> Void = { sync.localChange() }
        let sessions = SessionRoutes(store: store, authenticator: shared.authenticator, keyring: shared.keyring, pinCost: configuration.pinCost,
                                     pinCheck: shared.pinCheck)
        let learners = LearnerRoutes(store: store, configuration: configuration, clock: clock, onChange: onChange)
        WebStaticRoutes().register(on: router)
        WebLoginRoutes(site: site, sessions: sessions, learners: learners).register(on: router)
        WebWalletRoutes(site: site, credentials: CredentialRoutes(store: store, keyring: shared.keyring, clock: clock),
                        records: RecordRoutes(store: store, sync: sync), sync: sync,
                        lessons: { language in try WebContentRoutes.lessons(in: shared.content, language: language) }).register(on: router)
        WebContentRoutes(site: site, library: shared.content, onChange: onChange).register(on: router)
        return router
    }
}
