import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import DaemonKit

/// The wallet page's listener: a second HTTP server in walletd, on a loopback TCP address, with
/// its own router (pages, and later launched content and its `/xapi/`). Every request first
/// passes the Host check. When the port is 0 the kernel picks one; it is logged and written to
/// `web-address` in the data folder (what `make demo` and the tests read).
///
/// ```swift
/// services.append(WebServer(address: address, dataDirectory: dir, logger: logger, router: router).application())
/// ```
struct WebServer {
    let address: WebAddress
    let dataDirectory: String
    let logger: Logger
    let router: Router<WalletRequestContext>

    static let addressFile = "web-address"

    /// The port the listener got (the configured one, or the kernel's pick for port 0): the Host
    /// check reads it.
    final class BoundPort: Sendable {
        private let value: Mutex<Int>
        init(_ port: Int) { value = Mutex(port) }
        var port: Int { value.withLock { $0 } }
        func set(_ port: Int) { value.withLock { $0 = port } }
    }

    let bound: BoundPort

    func application() -> some Service {
        let bound = self.bound
        let file = dataDirectory + "/" + Self.addressFile
        let logger = self.logger
        let address = self.address
        return Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "walletd"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                bound.set(port)
                let url = address.url(boundPort: port)
                // Written atomically: a reader never sees half an address.
                let temporary = file + ".tmp"
                if FileManager.default.createFile(atPath: temporary, contents: Data((url + "\n").utf8)) {
                    _ = rename(temporary, file)
                }
                logger.info("wallet page ready", metadata: ["url": "\(url)"])
            },
            logger: logger)
    }
}
