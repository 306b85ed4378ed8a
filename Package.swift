// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "LearnerWallet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "walletd", targets: ["walletd"]),
        .executable(name: "wallet-cli", targets: ["wallet-cli"]),
        .executable(name: "repositoryd", targets: ["repositoryd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // Traits off: the default trait pulls swift-configuration, which we do not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        // TLS for repositoryd (through HummingbirdTLS, which already depends on it).
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        // Metrics (docs/REPOSITORY.md, "Metrics"): the daemons make their counters on a Prometheus
        // registry of their own per server (no global MetricsSystem.bootstrap), so no target imports
        // swift-metrics itself; it is pinned here because swift-prometheus builds on it.
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        // The repository's PostgreSQL store (issue 12): the Swift server community's driver, on NIO.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // The module graph is a line (docs/ARCHITECTURE.md): each layer imports only those above it
        // in this list, and every target names exactly the modules it imports.

        // Foundation: the JSON value model with its reader and canonical (RFC 8785) writer,
        // Base64URL, hex, the one timestamp formatter, the xAPI vocabulary. Foundation only.
        .target(name: "Basics"),
        // Security primitives: PIN hashes and their scrypt cost, the login throttle, session
        // tokens, durability settings.
        .target(
            name: "SecurityPrimitives",
            dependencies: ["Basics", .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto")]
        ),
        // The course catalog: model, validation, canonical form and version, catalog files.
        .target(name: "Catalog", dependencies: ["Basics", .product(name: "Crypto", package: "swift-crypto")]),
        // Version vectors, merge rules, the sync wire format and both sides of the sync protocol.
        // Pure: no I/O, no database; walletd and repositoryd implement its store protocols.
        .target(
            name: "SyncEngine",
            dependencies: ["Basics", "SecurityPrimitives", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // Verifiable credentials, pure: did:key, Data Integrity eddsa-jcs-2022, Bitstring Status
        // List, the micro-credential and presentation shapes, and the offline verifier. Shared by
        // walletd, repositoryd and wallet-cli (which verifies without a daemon).
        .target(
            name: "Credentials",
            dependencies: ["Basics", "Catalog", "CZlib", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // What people read: the printable export page with its QR code and the employer's
        // verification page. Pure functions from values to HTML.
        .target(name: "CredentialPages", dependencies: ["Basics", "Credentials", "PageText", "CQRencode", .product(name: "Crypto", package: "swift-crypto")]),
        // The words of every page, one catalogue per language, and how a page's language is chosen.
        .target(name: "PageText"),
        // The learner's wallet page (walletd's loopback listener): values in, HTML out.
        .target(name: "WalletPages", dependencies: ["PageText", "CredentialPages", "Credentials", "WalletAPI"]),
        // cmi5 course packages, pure: a strict, bounded ZIP reader over zlib (random access, never
        // the whole archive in memory), a strict XML reader and the cmi5.xml course structure,
        // unpacking. walletd links it; it needs no FoundationXML (libxml2), docs/CONTENT.md.
        .target(name: "CoursePackage", dependencies: ["CZlib"]),
        // The socket API's types: what walletd answers and wallet-cli sends.
        .target(name: "WalletAPI", dependencies: ["Basics", "Catalog"]),
        // What both SQLite stores share: opening (read-only fallback, refusing a newer schema),
        // migrating, SQLite's checks, online backups, the storage condition's watch, and the
    // append-only hash-chained audit_log table (the chain itself is SecurityPrimitives').
        .target(name: "SQLiteStorage", dependencies: ["Basics", "SecurityPrimitives", .product(name: "GRDB", package: "GRDB.swift")]),
        // The PC's domain and its SQLite store.
        .target(
            name: "WalletCore",
            dependencies: [
                "Basics",
                "SecurityPrimitives",
                "Catalog",
                "WalletAPI",
                "SyncEngine",
                "Credentials",
                "SQLiteStorage",
                "CoursePackage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The repository's store (SQLite now, behind a protocol a PostgreSQL backend can implement)
        // and issuance; repositoryd serves it. Never the PC's store (WalletCore) or socket API.
        .target(
            name: "RepositoryCore",
            dependencies: [
                "Basics",
                "SecurityPrimitives",
                "Catalog",
                "SyncEngine",
                "Credentials",
                "SQLiteStorage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // What both daemons share: the error type and its JSON answer, the error middleware, JSON
        // bodies, the data-folder lock and permissions, startup errors, logger set-up,
        // Authorization header parsing, the metrics answer.
        .target(
            name: "DaemonKit",
            dependencies: [
                "Basics",
                "SecurityPrimitives",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The one HTTP client of the project: libcurl, over TCP/TLS or a Unix socket.
        .target(name: "CurlClient", dependencies: ["CCurl"]),
        // The one client of walletd's socket API: typed calls built from WalletAPI's endpoint
        // declarations, raw exchanges, one error type. Used by wallet-cli, wallet-bench and the
        // integration tests.
        .target(name: "WalletClient", dependencies: ["Basics", "WalletAPI", "CurlClient"]),
        // walletd as a library: the composition root (routes, middleware, sync service, server)
        // behind the thin `walletd` executable, so tests build its router in-process.
        .target(
            name: "WalletDaemon",
            dependencies: [
                "Basics",
                "SecurityPrimitives",
                "Catalog",
                "WalletCore",
                "WalletAPI",
                "SyncEngine",
                "Credentials",
                "CurlClient",
                "DaemonKit",
                "PageText",
                "WalletPages",
                "CredentialPages",
                "CoursePackage",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "wallet-cli",
            dependencies: [
                "Basics",
                "Catalog",
                "WalletAPI",
                "WalletClient",
                "Credentials",
                "CredentialPages",
                "PageText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // repositoryd as a library, behind the thin `repositoryd` executable.
        .target(
            name: "RepositoryDaemon",
            dependencies: [
                "Basics",
                "SecurityPrimitives",
                "Catalog",
                "RepositoryCore",
                "SyncEngine",
                "Credentials",
                "CredentialPages",
                "PageText",
                "DaemonKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(name: "walletd", dependencies: ["DaemonKit", "WalletDaemon"]),
        .executableTarget(name: "repositoryd", dependencies: ["DaemonKit", "RepositoryDaemon"]),
        .executableTarget(
            name: "wallet-bench",
            // SyncEngine and SecurityPrimitives: `wallet-bench repository` speaks the sync protocol
            // to repositoryd as many PCs at once (its wire types, a learner's claim and PIN cost).
            dependencies: ["Basics", "Catalog", "WalletAPI", "WalletClient", "CurlClient", "Credentials", "SyncEngine", "SecurityPrimitives"]
        ),
        // The fuzz targets (docs/FUZZING.md): each untrusted-input reader with the properties it must
        // keep. Behind wallet-fuzz (libFuzzer or the seeded engine) and the replay suite.
        .target(name: "FuzzHarness", dependencies: ["Basics", "Catalog", "SyncEngine", "WalletCore", "Credentials", "CredentialPages", "CoursePackage"]),
        .executableTarget(name: "wallet-fuzz", dependencies: ["FuzzHarness"]),
        // What the test suites share: the seeded generator, the reference hub (MemoryHub), an
        // in-memory device store and a transport that loses and repeats messages. Never linked
        // by a program.
        .target(
            name: "TestSupport",
            dependencies: ["Basics", "SecurityPrimitives", "SyncEngine", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Every route of both daemons, in-process, with answers checked against each one's OpenAPI document.
        .testTarget(
            name: "DaemonRouteTests",
            dependencies: [
                "Basics", "Catalog", "Credentials", "SecurityPrimitives", "SyncEngine", "TestSupport", "WalletAPI", "WalletCore", "WalletDaemon", "WalletPages",
                "RepositoryCore", "RepositoryDaemon", "DaemonKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "WalletCoreTests", dependencies: ["TestSupport", "WalletCore", "CoursePackage", "WalletAPI", "Basics", "SecurityPrimitives", "Catalog", "Credentials", "SyncEngine", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto")], resources: [.copy("Fixtures")]),
        // The deterministic simulation over the real stores (walletd's and the repository's SQLite).
        .testTarget(
            name: "StoreSimulationTests",
            dependencies: ["Basics", "SecurityPrimitives", "SyncEngine", "TestSupport", "WalletCore", "RepositoryCore",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "IntegrationTests", dependencies: ["Basics", "WalletAPI", "WalletClient", "CurlClient", "Credentials", "SyncEngine", "SecurityPrimitives", "TestSupport", .product(name: "Crypto", package: "swift-crypto")], resources: [.copy("Fixtures")]),
        .testTarget(name: "CredentialsTests", dependencies: ["TestSupport", "Basics", "Catalog", "Credentials", "CredentialPages", "PageText"], resources: [.copy("Fixtures")]),
        // Replays the fuzz corpus and a few thousand seeded mutations per target (make test).
        .testTarget(name: "FuzzTests", dependencies: ["FuzzHarness", "Credentials"]),
        .testTarget(name: "CurlClientTests", dependencies: ["CurlClient"]),
        .testTarget(name: "WalletPagesTests", dependencies: ["PageText", "WalletPages", "WalletAPI", "Catalog"]),
        .testTarget(name: "CoursePackageTests", dependencies: ["CoursePackage", "CZlib", "TestSupport"]),
        .testTarget(name: "WalletClientTests", dependencies: ["Basics", "WalletAPI", "WalletClient", "CurlClient"]),
        .testTarget(name: "SyncEngineTests", dependencies: ["TestSupport", "Basics", "SecurityPrimitives", "SyncEngine"]),
        .testTarget(name: "RepositoryCoreTests", dependencies: ["TestSupport", "Basics", "SecurityPrimitives", "Catalog", "RepositoryCore", "SyncEngine", "Credentials", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
