import Foundation

/// Milliseconds since 1970 from the system clock. Handed to the parts that need time, so that
/// tests can give them another.
///
/// ```swift
/// let now = WallClock.system.nowMs()
/// ```
struct WallClock: Sendable {
    var nowMs: @Sendable () -> Int64

    static let system = WallClock { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}
