import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import RepositoryCore
import ServiceLifecycle
import Catalog
import DaemonKit

/// Composition root of repositoryd: folder and lock, store, catalog import, router, HTTP or
/// HTTPS, graceful shutdown on SIGTERM/SIGINT.
///
/// ```swift
/// try await RepositoryServer(configuration: config, logger: logger).run()
/// ```
struct RepositoryServer {
    let configuration: RepositoryConfiguration
    let logger: Logger
    /// This instance's counters (`GET /metrics`): one registry per server, never a global one.
    var metrics = RepositoryMetrics()

    func run() async throws {
        DataFolder.useOwnerOnlyUmask()
        let directory = configuration.dataDirectory
        try DataFolder.prepare(directory)
        let lock = try DataFolderLock.acquire(path: directory + "/repositoryd.lock", daemon: "repositoryd",
                                              what: "data folder \(directory)", otherwise: "give this one its own --data-dir")
        let publicURL = PublicURL(configured: configuration.publicURL)
        let issuanceLogger = logger
        let metrics = self.metrics
        let authority = CredentialAuthority(keyring: .inDataDirectory(directory), publicURL: { publicURL.value }, onEvent: { event in
            metrics.record(event)
            switch event {
            case .issued: issuanceLogger.info("\(event)")
            case .failed: issuanceLogger.error("\(event)")
            }
        })
        let store: SQLiteRepositoryStore
        do {
            let epochLogger = logger
            store = try SQLiteRepositoryStore(directory: directory, durability: configuration.durability, authority: authority,
                                              retention: configuration.retention, onNewEpoch: { epoch, reason in
                epochLogger.warning("the database went back in time (restored from an older copy, or its last commits were lost); started a new epoch: every PC sends what it holds again and pulls from zero",
                                    metadata: ["epoch": "\(epoch)", "why": "\(reason)"])
            })
        } catch {
            throw DatabaseStartup.openFailure(error, path: directory + "/" + SQLiteRepositoryStore.fileName,
                                              fault: SQLiteRepositoryStore.storageFault(of: error), whenDamaged: RepositoryStoreStartup.whenDamaged(directory))
        }
        try RepositoryStoreStartup.check(store, directory: directory, logger: logger)
        DataFolder.restrictFiles(in: directory, prefix: "repository")
        if let file = configuration.catalogFile {
            do {
                let catalog = try CatalogFile.load(path: file)
                try await store.importCatalog(json: catalog.json, version: catalog.version, nowMs: SQLiteRepositoryStore.systemNowMs())
                logger.info("catalog imported", metadata: ["courses": "\(catalog.courseCount)", "version": "\(catalog.version.prefix(12))"])
            } catch let error as CatalogFile.Invalid {
                throw StartupError(.badInput, "\(error)")
            } catch let error where SQLiteRepositoryStore.storageFault(of: error) != nil {
                throw DatabaseStartup.openFailure(error, path: store.path, fault: SQLiteRepositoryStore.storageFault(of: error),
                                                  whenDamaged: RepositoryStoreStartup.whenDamaged(directory))
            }
        }

        // The keys are made now rather than at the first request: a key folder that cannot be
        // written stops the start with a clear message instead of failing an issuance later.
        do {
            _ = try authority.keyring.repositoryKey()
        } catch {
            throw StartupError(.cannotCreate, "\(error)")
        }
        let metricsAccess = MetricsAccess(token: try configuration.metricsTokenFile.map(MetricsToken.load))
        let router = makeRouter(store: store, publisher: CredentialPublisher(store: store, authority: authority), metricsAccess: metricsAccess)
        let server = try ServerTransport.make(certificate: configuration.tlsCertificate, key: configuration.tlsKey,
                                              idleSeconds: configuration.idleTimeoutSeconds, logger: logger)
        let tls = configuration.tlsCertificate != nil
        let host = configuration.host
        let logger = self.logger
        let app = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "repositoryd",
                                 availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: logger)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                publicURL.useListener(scheme: tls ? "https" : "http", host: host, port: port)
                // One machine-readable line; tests and scripts read the port after "ready port=".
                logger.info("repositoryd ready port=\(port) tls=\(tls) host=\(host)", metadata: ["data": "\(store.path)"])
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app, RetentionService(store: store, logger: logger)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.info("repositoryd stopped")
        withExtendedLifetime(lock) {}
    }

    /// The routes of docs/SYNC.md and docs/CREDENTIALS.md. Every route is behind the JSON error middleware; all of
    /// `/sync/v1/*` but the enrolment route is behind the device token.
    func makeRouter(store: any RepositoryStore, publisher: CredentialPublisher,
                    metricsAccess: MetricsAccess = MetricsAccess(token: nil)) -> Router<RepositoryRequestContext> {
        let router = Router(context: RepositoryRequestContext.self)
        router.add(middleware: JSONErrorMiddleware(responder: .repository))
        if let reporting = store as? any StorageFaultReporting {
            router.add(middleware: StorageFaultMiddleware(daemon: "the repository", condition: reporting.storage, classify: { reporting.storageFault(of: $0) }))
        }
        // One address: 10 enrolments or verifications at once, then one every 6 s per route.
        router.add(middleware: RateLimitMiddleware(limiter: RateLimiter(burst: 10, refillMs: 6_000), paths: ["/verify", "/sync/v1/devices"]))
        PublicRoutes(store: store).register(on: router)
        MetricsRoutes(metrics: metrics, access: metricsAccess).register(on: router)
        CredentialRoutes(publisher: publisher).register(on: router)
        VerifyRoutes(store: store, publisher: publisher).register(on: router)
        EnrolmentRoutes(store: store).register(on: router)
        DeviceTokenRoutes(store: store).register(on: router)
        // The metrics middleware goes first so that requests the device check refuses are counted too.
        let sync = router.group("sync/v1").add(middleware: SyncMetricsMiddleware(metrics: metrics))
            .add(middleware: DeviceAuthMiddleware(devices: DeviceAuthenticator(store: store)))
        SyncRoutes(store: store, maxBodyBytes: configuration.maxBodyBytes, debugDelayMs: configuration.debugDelayMs, metrics: metrics).register(on: sync)
        LearnerFetchRoutes(store: store).register(on: sync)
        LearnerResetRoutes(store: store, publisher: publisher).register(on: sync)
        DeviceCopyRoutes(store: store).register(on: sync)
        AuditAnchorRoutes(store: store).register(on: sync)
        return router
    }
}
