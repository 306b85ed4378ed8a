import SyncEngine

/// A device as `repositoryd device list` shows it: never its token (only the hash is kept).
///
/// ```swift
/// for device in try store.devices() where device.revokedMs == nil { print(device.name, device.replica) }
/// ```
public struct DeviceSummary: Sendable, Equatable, Encodable {
    public var id: String
    public var name: String
    public var replica: String
    public var registeredMs: Int64
    /// Set once the device was revoked (by `device revoke`, or replaced): its token is refused.
    public var revokedMs: Int64?
    /// The device that took this one's place (a replace code, or the same PC enrolled again).
    public var replacedBy: String?
    /// The device whose database this PC was copied from (it proved that device's token).
    public var copiedFrom: String?
    /// Learners this device may push and pull.
    public var learners: Int
    /// When its current token was set: at enrolment, or its latest rotation.
    public var tokenMs: Int64?

    /// `live`, `revoked` (by `device revoke`) or `replaced` (by a replace code, or the same PC enrolled again).
    public var status: String { revokedMs == nil ? "live" : (replacedBy == nil ? "revoked" : "replaced") }

    enum CodingKeys: String, CodingKey {
        case id, name, replica, registeredMs, revokedMs, replacedBy, copiedFrom, learners, status, tokenMs
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(replica, forKey: .replica)
        try container.encode(registeredMs, forKey: .registeredMs)
        try container.encode(revokedMs, forKey: .revokedMs)
        try container.encode(replacedBy, forKey: .replacedBy)
        try container.encode(copiedFrom, forKey: .copiedFrom)
        try container.encode(learners, forKey: .learners)
        try container.encode(status, forKey: .status)
        try container.encode(tokenMs ?? registeredMs, forKey: .tokenMs)
    }
}

/// Why the repository refuses to enrol a device or to change one.
///
/// ```swift
/// do { _ = try store.enrol(code: code, replica: r, name: n, token: t, previousToken: nil, nowMs: now) }
/// catch DeviceLifecycleError.replicaInUse(let device, let name) { … 409 … }
/// ```
public enum DeviceLifecycleError: Error, Equatable, CustomStringConvertible {
    /// A live device already speaks for this replica, and the enrolment proved neither its token
    /// nor an admin's replace code for it.
    case replicaInUse(device: String, name: String)
    /// `device revoke|replace` named no device (by id or name).
    case noSuchDevice(String)
    /// `device revoke|replace` named several devices by one name: use the id.
    case ambiguousDevice(String)
    /// `device replace` on a device that is already revoked.
    case alreadyRevoked(String)

    public var description: String {
        switch self {
        case .replicaInUse(let device, let name):
            "replica id already in use by the live device \(name) (\(device)). If this is the same PC, enrol it from its own walletd "
                + "(it proves its old token); if it replaces that PC, ask the repository admin for a replace code "
                + "(repositoryd device replace \(device)); if it is a copy of that PC, update walletd so it takes a replica id of its own"
        case .noSuchDevice(let name): "no device with id or name '\(name)' (repositoryd device list shows them)"
        case .ambiguousDevice(let name): "several devices are named '\(name)': give the device id (repositoryd device list)"
        case .alreadyRevoked(let name): "device \(name) is already revoked; enrol the new PC with a new enrolment code (repositoryd enrolment-code)"
        }
    }
}
