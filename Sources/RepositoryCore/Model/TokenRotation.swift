/// What a device token rotation came to (`RepositoryStore.rotateDeviceToken`).
///
/// ```swift
/// switch try store.rotateDeviceToken(presented: old, proposed: new, nowMs: now) {
/// case .rotated(let device), .repeated(let device): print("device \(device.id) now uses the new token")
/// case .revoked: print("403 device_revoked")
/// case .unknown: print("401 unknown_device")
/// }
/// ```
public enum TokenRotation: Sendable, Equatable {
    /// The presented token was the device's: it is replaced by the proposed one and refused from now on.
    case rotated(EnrolledDevice)
    /// The presented token is the one this very rotation replaced, and the proposed one is the
    /// device's token now: the same request again after a lost answer. Nothing changes.
    case repeated(EnrolledDevice)
    /// The presented token belongs to a revoked device.
    case revoked
    /// The presented token is no device's (or an old one presented with another proposal), or the
    /// proposed token is taken.
    case unknown
}
