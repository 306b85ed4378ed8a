import Synchronization

/// The base URL the repository publishes its credential documents under (status list URLs in
/// issued credentials, the verification page in the trust list): `serve --public-url`, else
/// `https://HOST:PORT` of the listener (http without TLS), known once the port is bound.
///
/// ```swift
/// let url = PublicURL(configured: configuration.publicURL)
/// url.useListener(scheme: "https", host: "127.0.0.1", port: 8443)   // no effect when configured
/// url.value                                                            // "https://127.0.0.1:8443"
/// ```
final class PublicURL: Sendable {
    private let state: Mutex<String>
    private let configured: Bool

    init(configured: String?) {
        self.configured = configured != nil
        state = Mutex(configured ?? "https://localhost")
    }

    var value: String { state.withLock { $0 } }

    func useListener(scheme: String, host: String, port: Int) {
        guard !configured else { return }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        state.withLock { $0 = "\(scheme)://\(shownHost):\(port)" }
    }
}
