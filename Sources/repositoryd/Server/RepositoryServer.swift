import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import RepositoryCore
import ServiceLifecycle
import WalletCore

/// Composition root of repositoryd: folder and lock, store, catalog import, router, HTTP or
/// HTTPS, graceful shutdown on SIGTERM/SIGINT.
///
/// ```swift
/// try await RepositoryServer(configuration: config, logger: logger).run()
/// ```
struct RepositoryServer {
    let configuration: RepositoryConfiguration
    let logger: Logger

    func run() async throws {
        umask(0o077)
        let directory = configuration.dataDirectory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw RepositoryStartupError(message: "cannot create the data folder \(directory): \(error)", exitCode: 73)
        }
        chmod(directory, 0o700)
        let lock = try DataFolderLock.acquire(directory: directory)
        let store: SQLiteRepositoryStore
        do {
            store = try SQLiteRepositoryStore(directory: directory, durability: configuration.durability)
        } catch {
            throw RepositoryStartupError(message: "cannot open the database in \(directory): \(error)", exitCode: 73)
        }
        if let file = configuration.catalogFile {
            do {
                let catalog = try CatalogFile.load(path: file)
                try store.importCatalog(json: catalog.json, version: catalog.version, nowMs: SQLiteRepositoryStore.systemNowMs())
                logger.info("catalog imported", metadata: ["courses": "\(catalog.courseCount)", "version": "\(catalog.version.prefix(12))"])
            } catch let error as CatalogFile.Invalid {
                throw RepositoryStartupError(message: "\(error)", exitCode: 65)
            }
        }

        let router = makeRouter(store: store)
        let server: HTTPServerBuilder
        let tls = configuration.tlsCertificate != nil
        if let certificate = configuration.tlsCertificate, let key = configuration.tlsKey {
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
                let tlsConfiguration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .file(key))
                server = try .tls(.http1(), tlsConfiguration: tlsConfiguration)
            } catch {
                throw RepositoryStartupError(message: "cannot load the TLS certificate or key: \(error)", exitCode: 78)
            }
        } else {
            logger.warning("serving plain HTTP: devices accept this only on loopback; give --tls-cert and --tls-key to serve HTTPS")
            server = .http1()
        }
        let logger = self.logger
        let app = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "repositoryd"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                // One machine-readable line: tests and scripts read the port from it.
                logger.info("repositoryd ready port=\(port) tls=\(tls)", metadata: ["data": "\(store.path)"])
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.info("repositoryd stopped")
        withExtendedLifetime(lock) {}
    }

    func makeRouter(store: SQLiteRepositoryStore) -> Router<RepositoryRequestContext> {
        let router = Router(context: RepositoryRequestContext.self)
        router.add(middleware: JSONErrorMiddleware(logger: logger))
        let devices = DeviceAuthenticator(store: store)
        PublicRoutes(store: store).register(on: router)
        EnrolmentRoutes(store: store).register(on: router)
        SyncRoutes(store: store, devices: devices, maxBodyBytes: configuration.maxBodyBytes, debugDelayMs: configuration.debugDelayMs).register(on: router)
        LearnerFetchRoutes(store: store, devices: devices).register(on: router)
        return router
    }
}
