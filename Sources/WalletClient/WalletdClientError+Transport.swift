import CurlClient

extension WalletdClientError {
    /// The error for a libcurl failure on `socket`. When connecting failed, `probe` tells why:
    /// no file there, no permission, or a file nothing listens on. Pure apart from `probe`.
    ///
    /// ```swift
    /// WalletdClientError(curl: .couldNotConnect(target: s, detail: "…"), socket: s, probe: { _ in .missing })
    /// // .notRunning(socket: s, why: .noSocketFile)
    /// ```
    public init(curl error: CurlError, socket: String, probe: (String) -> SocketProbe.Finding = SocketProbe.look) {
        switch error {
        case .couldNotConnect:
            switch probe(socket) {
            case .missing: self = .notRunning(socket: socket, why: .noSocketFile)
            case .noPermission: self = .noPermission(socket: socket)
            case .present: self = .notRunning(socket: socket, why: .nothingListens)
            }
        case .timedOut:
            self = .timedOut(socket: socket)
        case .connectionLost(_, let detail):
            self = .connectionLost(socket: socket, detail: detail)
        default:
            self = .transport(error)
        }
    }
}
