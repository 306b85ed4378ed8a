import DaemonKit

/// Every scrypt run in walletd (checking a PIN, hashing a new one, sealing or opening a holder
/// key) goes through here: at most two at once, 32 more waiting, beyond that 503 with
/// Retry-After. A run costs up to 256 MiB and a second of CPU (the most a cost from the wire may
/// ask), so without a bound a handful of learners created or fetched with a hostile cost, or a
/// flood of new learners, would take the PC's memory from everyone.
///
/// ```swift
/// let matches = try await KeyDerivation.run { hash.matches(pin: pin) }
/// ```
enum KeyDerivation {
    static let limit = ConcurrencyLimit(limit: 2, maxWaiting: 32)

    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await limit.run {
                try await Task.detached(operation: work).value
            }
        } catch is ConcurrencyLimit.Busy {
            var error = APIError(.serviceUnavailable, .busy, "walletd is checking many PINs at once. Try again in a few seconds.")
            error.headers[.retryAfter] = "5"
            throw error
        }
    }
}
