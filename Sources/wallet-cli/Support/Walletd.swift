import WalletClient

/// wallet-cli's door to walletd: the client library's `WalletdClient` on one socket, with every
/// failure turned into a `CLIError` that says what to do next (see `CLIError+Walletd.swift`).
///
/// ```swift
/// let walletd = Walletd(socketPath: options.socketPath)
/// let list = try walletd { try $0.callAllPages(Endpoints.listLearners) }   // throws CLIError
/// let reply = try walletd { try $0.reply(Endpoints.progress, id, token: token) }
/// ```
struct Walletd {
    let socketPath: String
    /// Who the session belongs to, for "log in again" hints.
    let learnerNameForHints: String?
    private let client: WalletdClient

    init(socketPath: String, learnerNameForHints: String? = nil) {
        self.socketPath = socketPath
        self.learnerNameForHints = learnerNameForHints
        client = WalletdClient(socketPath: socketPath, timeout: .seconds(60), connectTimeout: .seconds(5))
    }

    /// Before a PIN is sent: the kernel must name a trusted walletd behind the socket (`SocketPeer`).
    func requireTrustedForPIN() throws(CLIError) {
        try SocketPeer.requireTrusted(socketPath)
    }

    /// Runs one exchange with walletd; its error becomes a `CLIError` with the next step.
    ///
    /// The closure throws untyped because Swift does not yet infer a closure's typed throws from
    /// its context; it only calls `WalletdClient`, whose errors are `WalletdClientError`.
    func callAsFunction<Result>(_ exchange: (WalletdClient) throws -> Result) throws(CLIError) -> Result {
        do {
            return try exchange(client)
        } catch let error as WalletdClientError {
            throw CLIError(error, learnerNameForHints: learnerNameForHints)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError(.internalError, "unexpected error talking to walletd: \(error). This is a bug in wallet-cli; please report it.")
        }
    }
}
