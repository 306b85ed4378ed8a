import Foundation
import Logging
import Hummingbird
import SecurityPrimitives
import WalletCore
@testable import WalletDaemon

/// walletd's router over a data folder of its own, in-process, as `WalletdServer` builds it (with a
/// cheap PIN cost): what every walletd route test starts from, so they all test the same wiring.
struct WalletdHarness {
    let router: Router<WalletRequestContext>
    /// The wallet page's router, sharing sessions, keyring and PIN lock-out with `router`; it
    /// answers the authority the router test framework gives every request, `localhost`, only.
    let webRouter: Router<WalletRequestContext>
    let store: WalletStore
    let sync: SyncService
    /// The admin token as wallet-cli reads it from `admin.token`.
    let admin: String
    let folder: String

    static func newFolder(_ prefix: String = "walletd-routes") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// - Parameter folder: an existing data folder (to open walletd again on it); a new one by default.
    static func make(folder given: String? = nil) throws -> WalletdHarness {
        let folder = try given ?? newFolder()
        let configuration = WalletdConfiguration(
            dataDirectory: folder, socketPath: folder + "/walletd.sock", socketGroup: nil, sessions: SessionPolicy(idleMs: 15 * 60_000, maxLifetimeMs: 8 * 3_600_000),
            durability: .normal, pinCost: ScryptCost(logN: 4), maxBodyBytes: 1 << 20)
        let logger = Logger(label: "walletd-routes")
        let store = try WalletStore(directory: folder, durability: .normal)
        let admin = try AdminToken.loadOrCreate(dataDirectory: folder)
        let sync = try SyncService(store: store, configuration: configuration, clock: .system, logger: logger)
        let server = WalletdServer(configuration: configuration, logger: logger)
        let shared = WalletdServer.SharedParts(store: store, configuration: configuration, clock: .system)
        let router = server.makeRouter(store: store, sync: sync, admin: admin, clock: .system, shared: shared)
        let webRouter = server.makeWebRouter(store: store, sync: sync, admin: admin, clock: .system, shared: shared) { ["localhost"] }
        let token = try String(contentsOfFile: folder + "/" + AdminToken.fileName, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return WalletdHarness(router: router, webRouter: webRouter, store: store, sync: sync, admin: token, folder: folder)
    }
}
