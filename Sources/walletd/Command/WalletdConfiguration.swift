import WalletCore

/// Everything walletd needs to start, resolved from flags, environment and platform defaults.
///
/// ```swift
/// let config = WalletdConfiguration(dataDirectory: "/tmp/w", socketPath: "/tmp/w/s.sock", socketGroup: nil,
///                                   sessionIdleMs: 900_000, durability: .full, pinCost: .standard, maxBodyBytes: 4 << 20)
/// ```
struct WalletdConfiguration: Sendable {
    var dataDirectory: String
    var socketPath: String
    var socketGroup: String?
    var sessionIdleMs: Int64
    var durability: Durability
    var pinCost: PINHash.Cost
    var maxBodyBytes: Int
}

/// A reason walletd cannot start, said in one line a centre admin can act on.
struct StartupError: Error {
    var message: String
    /// sysexits: 73 can't create, 75 temp failure (another instance), 78 configuration.
    var exitCode: Int32
}
