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
        let publicURL = PublicURL(configured: configuration.publicURL)
        let authority = makeAuthority(publicURL: publicURL)
        let epochLogger = logger
        let onNewEpoch: @Sendable (String, String) -> Void = { epoch, reason in
            epochLogger.warning("the database went back in time (restored from an older copy, or its last commits were lost); started a new epoch: every PC sends what it holds again and pulls from zero",
                                metadata: ["epoch": "\(epoch)", "why": "\(reason)"])
        }
        if let postgres = configuration.postgres {
            let store: PostgresRepositoryStore
            do {
                // The keys first: a keys folder that cannot be read or written stops the start here.
                _ = try authority.keyring.repositoryKey()
                store = try await PostgresRepositoryStore.open(location: postgres, keysDirectory: configuration.resolvedKeysDirectory,
                                                               connections: configuration.databaseConnections, authority: authority,
                                                               retention: configuration.retention, onNewEpoch: onNewEpoch, logger: logger)
            } catch {
                let (message, code) = RepositoryStoreOpener.postgresFailure(error, location: postgres)
                throw StartupError(StartupError.ExitCode(rawValue: code) ?? .unavailable, message)
            }
            do {
                try await serve(store: store, authority: authority, publicURL: publicURL, storage: postgres.description)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            return
        }
        let directory = configuration.dataDirectory
        try DataFolder.prepare(directory)
        let lock = try DataFolderLock.acquire(path: directory + "/repositoryd.lock", daemon: "repositoryd",
                                              what: "data folder \(directory)", otherwise: "give this one its own --data-dir")
        let store: SQLiteRepositoryStore
        do {
            store = try SQLiteRepositoryStore(directory: directory, durability: configuration.durability, authority: authority,
                                              retention: configuration.retention, onNewEpoch: onNewEpoch)
        } catch {
            throw DatabaseStartup.openFailure(error, path: directory + "/" + SQLiteRepositoryStore.fileName,
                                              fault: SQLiteRepositoryStore.storageFault(of: error), whenDamaged: RepositoryStoreStartup.whenDamaged(directory))
        }
        try RepositoryStoreStartup.check(store, directory: directory, logger: logger)
        DataFolder.restrictFiles(in: directory, prefix: "repository")
        do {
            try await serve(store: store, authority: authority, publicURL: publicURL, storage: store.path)
        } catch let error where SQLiteRepositoryStore.storageFault(of: error) != nil {
            throw DatabaseStartup.openFailure(error, path: store.path, fault: SQLiteRepositoryStore.storageFault(of: error),
                                              whenDamaged: RepositoryStoreStartup.whenDamaged(directory))
        }
        withExtendedLifetime(lock) {}
    }

    /// The issuer: keys from the keys folder, issuance events to the log and the metrics.
    func makeAuthority(publicURL: PublicURL) -> CredentialAuthority {
        let issuanceLogger = logger
        let metrics = self.metrics
        return CredentialAuthority(keyring: IssuerKeyring(directory: configuration.resolvedKeysDirectory), publicURL: { publicURL.value }, onEvent: { event in
            metrics.record(event)
            switch event {
            case .issued: issuanceLogger.info("\(event)")
            case .failed: issuanceLogger.error("\(event)")
            }
        })
    }

    /// What both stores share once open: the catalog import, the keys, the router, the listener
    /// and the services, until SIGTERM or SIGINT.
    func serve(store: any RepositoryStore, authority: CredentialAuthority, publicURL: PublicURL, storage: String) async throws {
        if let file = configuration.catalogFile {
            do {
                let catalog = try CatalogFile.load(path: file)
                try await store.importCatalog(json: catalog.json, version: catalog.version, nowMs: SQLiteRepositoryStore.systemNowMs())
                logger.info("catalog imported", metadata: ["courses": "\(catalog.courseCount)", "version": "\(catalog.version.prefix(12))"])
            } catch let error as CatalogFile.Invalid {
                throw StartupError(.badInput, "\(error)")
            }
        }
        // The keys are made now rather than at the first request: a key folder that cannot be
        // written stops the start with a clear message instead of failing an issuance later. Each
        // awarding body's key too, so that a keys folder copied to other hosts after this start
        // holds every key an instance signs with (docs/DEPLOYMENT.md).
        do {
            _ = try authority.keyring.repositoryKey()
            for body in try await store.awardingBodies() { _ = try authority.keyring.issuerKey(slug: body.slug) }
        } catch let error as KeyringError {
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
                logger.info("repositoryd ready port=\(port) tls=\(tls) host=\(host)", metadata: ["data": "\(storage)"])
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app, RetentionService(store: store, logger: logger)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.info("repositoryd stopped")
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
        SyncRoutes(store: store, maxBodyBytes: configuration.maxBodyBytes, debugDelayMs: configuration.debugDelayMs, metrics: metrics,
                   turns: ConcurrencyLimit(limit: configuration.syncConcurrency, maxWaiting: configuration.maxConnections)).register(on: sync)
        LearnerFetchRoutes(store: store).register(on: sync)
        LearnerResetRoutes(store: store, publisher: publisher).register(on: sync)
        DeviceCopyRoutes(store: store).register(on: sync)
        AuditAnchorRoutes(store: store).register(on: sync)
        return router
    }
}
